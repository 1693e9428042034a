using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Providers.SentenceTransformers.Onnx.Tokenization;

/// <summary>
/// The text clean-up of Hugging Face's <c>BasicTokenizer</c>: control characters, NUL and U+FFFD dropped, every
/// whitespace character (tab, CR, LF, Unicode space separators) made a space, then optionally lower-cased and
/// stripped of accents (NFD, non-spacing marks removed).
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers' own <c>BertTokenizer</c> (2.0.1) departs from BERT here: it drops symbols such as
/// <c>+ = $ &lt; ~ |</c> and emoji, which BERT keeps as punctuation or <c>[UNK]</c>; so the WordPiece model is fed
/// through this normalizer and <see cref="BertPreTokenizer"/> instead.
/// </remarks>
internal sealed class BertTextNormalizer(bool lowerCase, bool stripAccents) : Normalizer
{
    public override string Normalize(string original) => Normalize(original.AsSpan());

    public override string Normalize(ReadOnlySpan<char> original)
    {
        var cleaned = new StringBuilder(original.Length);
        foreach (var rune in original.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value is '\t' or '\n' or '\r' || category == UnicodeCategory.SpaceSeparator)
            {
                cleaned.Append(' ');
            }
            else if (rune.Value is not (0 or 0xFFFD) && !IsControl(category))
            {
                cleaned.Append(rune.ToString());
            }
        }

        string text = cleaned.ToString();
        if (lowerCase)
        {
            text = text.ToLowerInvariant();
        }

        return stripAccents ? StripAccents(text) : text;
    }

    private static bool IsControl(UnicodeCategory category) => category is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static string StripAccents(string text)
    {
        string decomposed = text.Normalize(NormalizationForm.FormD);
        var stripped = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                stripped.Append(c);
            }
        }

        return stripped.ToString();
    }
}
