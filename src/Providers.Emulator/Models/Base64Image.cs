namespace Providers.Emulator.Models;

/// <summary>Decodes plain base64 (no <c>data:</c> prefix) into an image, when it is one.</summary>
internal static class Base64Image
{
    public static DecodedImage? TryDecode(string base64)
    {
        var bytes = new byte[(base64.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(base64, bytes, out var written)
            ? DecodedImage.TryDecode(bytes[..written])
            : null;
    }
}
