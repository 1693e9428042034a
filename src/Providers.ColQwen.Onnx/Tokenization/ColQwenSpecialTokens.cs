namespace Providers.ColQwen.Onnx.Tokenization;

/// <summary>The ids of the Qwen2 special tokens ColQwen's prompts use, read from the model's tokenizer files.</summary>
/// <remarks>In the real Qwen2 vocabulary: 151643, 151644, 151645, 151652, 151653, 151655.</remarks>
internal sealed record ColQwenSpecialTokens(int EndOfText, int ImStart, int ImEnd, int VisionStart, int VisionEnd, int ImagePad)
{
    public const string EndOfTextToken = "<|endoftext|>";
    public const string ImStartToken = "<|im_start|>";
    public const string ImEndToken = "<|im_end|>";
    public const string VisionStartToken = "<|vision_start|>";
    public const string VisionEndToken = "<|vision_end|>";
    public const string ImagePadToken = "<|image_pad|>";

    /// <summary>Picks the ids out of the tokenizer's added tokens, or says which are missing.</summary>
    public static ColQwenSpecialTokens? From(IReadOnlyDictionary<string, int> addedTokens, out string? missing)
    {
        string[] required = [EndOfTextToken, ImStartToken, ImEndToken, VisionStartToken, VisionEndToken, ImagePadToken];
        string[] absent = required.Where(token => !addedTokens.ContainsKey(token)).ToArray();
        if (absent.Length > 0)
        {
            missing = string.Join(", ", absent);
            return null;
        }

        missing = null;
        return new ColQwenSpecialTokens(
            addedTokens[EndOfTextToken], addedTokens[ImStartToken], addedTokens[ImEndToken],
            addedTokens[VisionStartToken], addedTokens[VisionEndToken], addedTokens[ImagePadToken]);
    }
}
