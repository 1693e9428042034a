namespace Providers.SentenceTransformers.Onnx.Inference;

/// <summary>One text as the graph sees it: <c>[CLS] prefix text [SEP]</c>.</summary>
/// <param name="Ids">All the token ids, special tokens and prefix included.</param>
/// <param name="PrefixLength">How many prefix tokens follow <c>[CLS]</c>.</param>
/// <param name="Truncated">Whether the text was cut to fit the maximum sequence length.</param>
internal sealed record EncodedText(int[] Ids, int PrefixLength, bool Truncated)
{
    /// <summary>Gets where the text's own tokens start.</summary>
    public int TextStart => 1 + PrefixLength;

    /// <summary>Gets how many tokens the text itself has.</summary>
    public int TextLength => Ids.Length - 2 - PrefixLength;
}
