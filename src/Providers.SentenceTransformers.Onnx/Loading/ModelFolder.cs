using System.Text;
using System.Text.Json;

namespace Providers.SentenceTransformers.Onnx.Loading;

/// <summary>
/// A model folder as sentence-transformers saves one, with the graph exported next to it: <c>model.onnx</c> (or
/// <c>onnx/model.onnx</c>), <c>vocab.txt</c> or <c>tokenizer.json</c>, and the configuration files that say how to
/// pool, normalise, truncate, case and prompt.
/// </summary>
internal static class ModelFolder
{
    private const string PoolingModule = "sentence_transformers.models.Pooling";
    private const string NormalizeModule = "sentence_transformers.models.Normalize";

    /// <exception cref="SentenceTransformerModelException">The folder, its graph or its vocabulary is missing, or a file is malformed.</exception>
    public static ModelFiles Load(string directory)
    {
        string folder = Path.GetFullPath(directory);
        if (!Directory.Exists(folder))
        {
            throw new SentenceTransformerModelException(folder, $"The model folder '{folder}' does not exist.");
        }

        string graph = new[] { "model.onnx", Path.Combine("onnx", "model.onnx") }
            .Select(file => Path.Combine(folder, file))
            .FirstOrDefault(File.Exists)
            ?? throw new SentenceTransformerModelException(folder, $"The model folder '{folder}' has no model.onnx (nor onnx/model.onnx).");
        string file = folder;
        try
        {
            file = Path.Combine(folder, "vocab.txt");
            byte[] vocabulary = File.Exists(file) ? File.ReadAllBytes(file) : VocabularyFromTokenizerJson(folder, out file);
            return new ModelFiles(folder, new Uri(folder + Path.DirectorySeparatorChar), new GraphSource(graph, null), vocabulary, ReadCard(folder, out file));
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new SentenceTransformerModelException(file, $"The model file '{file}' cannot be read: {e.Message}", e);
        }
    }

    private static byte[] VocabularyFromTokenizerJson(string folder, out string file)
    {
        file = Path.Combine(folder, "tokenizer.json");
        if (!File.Exists(file))
        {
            throw new SentenceTransformerModelException(folder, $"The model folder '{folder}' has no vocab.txt nor tokenizer.json.");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var model = document.RootElement.GetProperty("model");
        if (model.TryGetProperty("type", out var type) && type.GetString() != "WordPiece")
        {
            throw new SentenceTransformerModelException(file, $"'{file}' describes a {type.GetString()} tokenizer; BERT models use WordPiece.");
        }

        // vocab.txt is the vocabulary one token a line, the line number being the id.
        var tokens = model.GetProperty("vocab").EnumerateObject().OrderBy(entry => entry.Value.GetInt32()).Select(entry => entry.Name);
        return Encoding.UTF8.GetBytes(string.Join('\n', tokens) + "\n");
    }

    private static ModelCard ReadCard(string folder, out string file)
    {
        var card = ModelCard.Generic(Path.GetFileName(folder));
        bool hasModules = TryRead(folder, "modules.json", out file, out var modules);
        if (hasModules)
        {
            bool normalize = false;
            foreach (var module in modules.EnumerateArray())
            {
                string? kind = module.GetProperty("type").GetString();
                if (kind == NormalizeModule)
                {
                    normalize = true;
                }
                else if (kind == PoolingModule)
                {
                    card = card with { Pooling = ReadPooling(folder, module.GetProperty("path").GetString() ?? string.Empty, out file) };
                }
            }

            card = card with { Normalize = normalize };
        }

        if (TryRead(folder, "sentence_bert_config.json", out file, out var bert))
        {
            if (bert.TryGetProperty("max_seq_length", out var length) && length.ValueKind == JsonValueKind.Number)
            {
                card = card with { MaxSequenceLength = length.GetInt32() };
            }

            if (bert.TryGetProperty("do_lower_case", out var lower) && lower.ValueKind == JsonValueKind.True)
            {
                card = card with { LowerCase = true };
            }
        }

        if (TryRead(folder, "tokenizer_config.json", out file, out var tokenizer))
        {
            if (tokenizer.TryGetProperty("do_lower_case", out var lower) && lower.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                card = card with { LowerCase = lower.GetBoolean() };
            }

            if (tokenizer.TryGetProperty("strip_accents", out var strip) && strip.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                card = card with { StripAccents = strip.GetBoolean() };
            }
        }

        if (TryRead(folder, "config_sentence_transformers.json", out file, out var prompts) && prompts.TryGetProperty("prompts", out var named))
        {
            card = card with
            {
                QueryPrefix = Prompt(named, "query") ?? card.QueryPrefix,
                DocumentPrefix = Prompt(named, "document") ?? Prompt(named, "passage") ?? card.DocumentPrefix,
            };
        }

        return card;
    }

    private static SentencePooling ReadPooling(string folder, string path, out string file)
    {
        if (!TryRead(Path.Combine(folder, path), "config.json", out file, out var pooling))
        {
            throw new SentenceTransformerModelException(file, $"modules.json names a pooling module at '{path}', which has no config.json.");
        }

        bool Mode(string name) => pooling.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
        if (Mode("pooling_mode_cls_token") && !Mode("pooling_mode_mean_tokens"))
        {
            return SentencePooling.Cls;
        }

        if (Mode("pooling_mode_mean_tokens") && !Mode("pooling_mode_cls_token"))
        {
            return SentencePooling.Mean;
        }

        throw new SentenceTransformerModelException(file, $"'{file}' asks for a pooling other than exactly one of mean and CLS, which this provider does not compute.");
    }

    private static string? Prompt(JsonElement prompts, string name) =>
        prompts.TryGetProperty(name, out var prompt) && prompt.ValueKind == JsonValueKind.String ? prompt.GetString() : null;

    private static bool TryRead(string folder, string name, out string file, out JsonElement root)
    {
        file = Path.Combine(folder, name);
        if (!File.Exists(file))
        {
            root = default;
            return false;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        root = document.RootElement.Clone();
        return true;
    }
}
