namespace Providers.SentenceTransformers.Onnx;

/// <summary>How the token vectors of a text become one sentence vector (sentence-transformers' <c>Pooling</c> module).</summary>
public enum SentencePooling
{
    /// <summary>The mean of every attended token's vector, special tokens included (<c>pooling_mode_mean_tokens</c>).</summary>
    Mean,

    /// <summary>The vector of the <c>[CLS]</c> token (<c>pooling_mode_cls_token</c>).</summary>
    Cls,
}
