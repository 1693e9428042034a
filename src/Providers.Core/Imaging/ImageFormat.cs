namespace Providers.Core.Imaging;

/// <summary>The image file formats whose header <see cref="ImageHeader"/> reads.</summary>
public enum ImageFormat
{
    /// <summary>PNG (<c>image/png</c>).</summary>
    Png,

    /// <summary>JPEG (<c>image/jpeg</c>).</summary>
    Jpeg,

    /// <summary>WebP, lossy, lossless or extended (<c>image/webp</c>).</summary>
    WebP,

    /// <summary>GIF (<c>image/gif</c>).</summary>
    Gif,

    /// <summary>Windows bitmap (<c>image/bmp</c>).</summary>
    Bmp,
}
