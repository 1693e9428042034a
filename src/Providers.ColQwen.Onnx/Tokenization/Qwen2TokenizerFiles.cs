using System.Text.Json;

namespace Providers.ColQwen.Onnx.Tokenization;

/// <summary>
/// The vocabulary, merges and added tokens of a Qwen2 tokenizer, from <c>vocab.json</c> + <c>merges.txt</c> +
/// <c>tokenizer_config.json</c> (what <c>save_pretrained</c> writes), or from <c>tokenizer.json</c> alone.
/// </summary>
internal sealed class Qwen2TokenizerFiles
{
    private Qwen2TokenizerFiles(Dictionary<string, int> vocabulary, List<string> merges, Dictionary<string, int> addedTokens)
    {
        Vocabulary = vocabulary;
        Merges = merges;
        AddedTokens = addedTokens;
    }

    public Dictionary<string, int> Vocabulary { get; }

    /// <summary>Gets the merges as <c>"left right"</c>, highest priority first.</summary>
    public List<string> Merges { get; }

    public Dictionary<string, int> AddedTokens { get; }

    /// <exception cref="ColQwenModelException">No usable set of tokenizer files is in the folder, or one is malformed.</exception>
    public static Qwen2TokenizerFiles Load(string directory)
    {
        string vocab = Path.Combine(directory, "vocab.json");
        string merges = Path.Combine(directory, "merges.txt");
        string config = Path.Combine(directory, "tokenizer_config.json");
        string combined = Path.Combine(directory, "tokenizer.json");
        try
        {
            if (File.Exists(vocab) && File.Exists(merges) && File.Exists(config))
            {
                return new Qwen2TokenizerFiles(ReadVocabulary(vocab), ReadMerges(merges), ReadAddedTokensFromConfig(config));
            }

            if (File.Exists(combined))
            {
                return ReadTokenizerJson(combined);
            }
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException or FormatException)
        {
            throw new ColQwenModelException(directory, $"The tokenizer files in '{directory}' cannot be read: {e.Message}", e);
        }

        throw new ColQwenModelException(
            directory,
            $"The model folder '{directory}' has no tokenizer: it needs vocab.json, merges.txt and tokenizer_config.json, or tokenizer.json.");
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return ReadVocabulary(document.RootElement);
    }

    private static Dictionary<string, int> ReadVocabulary(JsonElement element)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in element.EnumerateObject())
        {
            vocabulary[entry.Name] = entry.Value.GetInt32();
        }

        return vocabulary;
    }

    private static List<string> ReadMerges(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal)).ToList();

    private static Dictionary<string, int> ReadAddedTokensFromConfig(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("added_tokens_decoder", out var decoder))
        {
            foreach (var entry in decoder.EnumerateObject())
            {
                added[entry.Value.GetProperty("content").GetString()!] = int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return added;
    }

    private static Qwen2TokenizerFiles ReadTokenizerJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var model = root.GetProperty("model");
        var merges = new List<string>();
        foreach (var merge in model.GetProperty("merges").EnumerateArray())
        {
            // tokenizers writes "left right" strings, or ["left", "right"] pairs since version 0.20.
            merges.Add(merge.ValueKind == JsonValueKind.Array
                ? $"{merge[0].GetString()} {merge[1].GetString()}"
                : merge.GetString()!);
        }

        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("added_tokens", out var tokens))
        {
            foreach (var token in tokens.EnumerateArray())
            {
                added[token.GetProperty("content").GetString()!] = token.GetProperty("id").GetInt32();
            }
        }

        return new Qwen2TokenizerFiles(ReadVocabulary(model.GetProperty("vocab")), merges, added);
    }
}
