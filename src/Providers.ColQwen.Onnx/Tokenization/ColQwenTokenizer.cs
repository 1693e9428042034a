using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Providers.ColQwen.Onnx.Tokenization;

/// <summary>Qwen2's byte-level BPE with ColQwen's two prompts: the query prompt and the page prompt.</summary>
internal sealed partial class ColQwenTokenizer
{
    // colpali_engine's ColQwen2_5_Processor.visual_prompt_prefix, split around the image placeholder.
    private const string PagePromptUser = "user\n";
    private const string PagePromptInstruction = "Describe the image.";

    private readonly BpeTokenizer _bpe;
    private readonly int[] _pagePrefix;
    private readonly int[] _pageSuffix;

    private ColQwenTokenizer(BpeTokenizer bpe, ColQwenSpecialTokens special)
    {
        _bpe = bpe;
        Special = special;
        _pagePrefix = [special.ImStart, .. Encode(PagePromptUser), special.VisionStart];
        _pageSuffix = [special.VisionEnd, .. Encode(PagePromptInstruction), special.ImEnd, special.EndOfText];
    }

    public ColQwenSpecialTokens Special { get; }

    /// <summary>Gets where the image tokens start in a page prompt.</summary>
    public int PageImageStart => _pagePrefix.Length;

    /// <exception cref="ColQwenModelException">The files are missing, malformed, or lack a special token.</exception>
    public static ColQwenTokenizer Load(string directory)
    {
        var files = Qwen2TokenizerFiles.Load(directory);
        var special = ColQwenSpecialTokens.From(files.AddedTokens, out string? missing) ?? throw new ColQwenModelException(
            directory, $"The tokenizer in '{directory}' lacks the special tokens {missing}.");
        var bpe = BpeTokenizer.Create(new BpeOptions(files.Vocabulary)
        {
            Merges = files.Merges,
            SpecialTokens = files.AddedTokens,
            PreTokenizer = new RegexPreTokenizer(Qwen2Split(), files.AddedTokens),
            Normalizer = NfcNormalizer.Instance,
            ByteLevel = true,
        });
        return new ColQwenTokenizer(bpe, special);
    }

    /// <summary>Encodes text as Hugging Face does: added tokens written in the text are recognised as such.</summary>
    public IReadOnlyList<int> Encode(string text) => _bpe.EncodeToIds(text);

    /// <summary><c>prefix + query</c> followed by <paramref name="augmentationTokens"/> × <c>&lt;|endoftext|&gt;</c>.</summary>
    public int[] EncodeQuery(string query, string prefix, int augmentationTokens)
    {
        var ids = Encode(prefix + query);
        var sequence = new int[ids.Count + augmentationTokens];
        for (int i = 0; i < ids.Count; i++)
        {
            sequence[i] = ids[i];
        }

        sequence.AsSpan(ids.Count).Fill(Special.EndOfText);
        return sequence;
    }

    /// <summary>
    /// <c>&lt;|im_start|&gt;user\n&lt;|vision_start|&gt;</c>, the image pad token once per image token,
    /// <c>&lt;|vision_end|&gt;Describe the image.&lt;|im_end|&gt;&lt;|endoftext|&gt;</c>.
    /// </summary>
    public int[] EncodePage(int imageTokens)
    {
        var sequence = new int[_pagePrefix.Length + imageTokens + _pageSuffix.Length];
        _pagePrefix.CopyTo(sequence, 0);
        sequence.AsSpan(_pagePrefix.Length, imageTokens).Fill(Special.ImagePad);
        _pageSuffix.CopyTo(sequence, _pagePrefix.Length + imageTokens);
        return sequence;
    }

    // The Split pre-tokenizer of Qwen2's tokenizer.json (one digit per token, unlike GPT-4's 1-3).
    [GeneratedRegex(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")]
    private static partial Regex Qwen2Split();
}
