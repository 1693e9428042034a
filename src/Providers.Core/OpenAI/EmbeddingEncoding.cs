namespace Providers.Core.OpenAI;

/// <summary>How an OpenAI-style service is asked to encode vectors (<c>encoding_format</c>).</summary>
public enum EmbeddingEncoding
{
    /// <summary>JSON arrays of numbers (<c>"float"</c>); every server supports it.</summary>
    Float,

    /// <summary>Base64 of little-endian float32 (<c>"base64"</c>): about a third of the bytes and much faster to parse.</summary>
    Base64,
}
