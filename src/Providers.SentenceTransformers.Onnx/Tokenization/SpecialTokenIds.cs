using System.Text;

namespace Providers.SentenceTransformers.Onnx.Tokenization;

/// <summary>The ids of BERT's <c>[CLS]</c>, <c>[SEP]</c> and <c>[PAD]</c>: their line numbers in <c>vocab.txt</c>.</summary>
internal sealed record SpecialTokenIds(int Classification, int Separator, int Padding)
{
    public const string UnknownToken = "[UNK]";

    /// <exception cref="SentenceTransformerModelException">The vocabulary lacks one of them, or <c>[UNK]</c>.</exception>
    public static SpecialTokenIds Find(byte[] vocabulary, string source)
    {
        var ids = new Dictionary<string, int> { ["[CLS]"] = -1, ["[SEP]"] = -1, ["[PAD]"] = -1, [UnknownToken] = -1 };
        using var reader = new StreamReader(new MemoryStream(vocabulary, writable: false), Encoding.UTF8);
        int line = 0;
        for (string? token = reader.ReadLine(); token is not null; token = reader.ReadLine(), line++)
        {
            if (ids.TryGetValue(token.Trim(), out int id) && id < 0)
            {
                ids[token.Trim()] = line;
            }
        }

        string[] missing = ids.Where(entry => entry.Value < 0).Select(entry => entry.Key).ToArray();
        return missing.Length > 0
            ? throw new SentenceTransformerModelException(source, $"The vocabulary of '{source}' lacks {string.Join(", ", missing)}.")
            : new SpecialTokenIds(ids["[CLS]"], ids["[SEP]"], ids["[PAD]"]);
    }
}
