using System.Text;
using Microsoft.ML.Tokenizers;

namespace Providers.ColQwen.Onnx.Tokenization;

/// <summary>Unicode NFC, the normalizer of Qwen2's tokenizer.json.</summary>
internal sealed class NfcNormalizer : Normalizer
{
    public static NfcNormalizer Instance { get; } = new();

    public override string Normalize(string original) => original.Normalize(NormalizationForm.FormC);

    public override string Normalize(ReadOnlySpan<char> original) => original.ToString().Normalize(NormalizationForm.FormC);
}
