using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Providers.SentenceTransformers.Onnx.Tokenization;

/// <summary>
/// The word splitting of Hugging Face's <c>BasicTokenizer</c>, on text <see cref="BertTextNormalizer"/> cleaned: words
/// end at spaces, and every punctuation character (ASCII <c>!</c>–<c>/</c>, <c>:</c>–<c>@</c>, <c>[</c>–<c>`</c>,
/// <c>{</c>–<c>~</c>, and Unicode category P) and every CJK ideograph is a word of its own.
/// </summary>
/// <remarks>Only the Basic Multilingual Plane's CJK blocks are split per character; the rare supplementary-plane ideographs stay in their word.</remarks>
internal static partial class BertPreTokenizer
{
    public static PreTokenizer Instance { get; } = new RegexPreTokenizer(Words(), specialTokens: null);

    [GeneratedRegex(@"[!-/:-@\[-`{-~\p{P}]|[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]|[^ !-/:-@\[-`{-~\p{P}\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")]
    private static partial Regex Words();
}
