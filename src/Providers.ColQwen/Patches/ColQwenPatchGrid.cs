namespace Providers.ColQwen;

/// <summary>How many merged patches (image tokens) ColQwen2.5 makes of an image of a given size.</summary>
/// <param name="ImageWidth">The image's width in pixels.</param>
/// <param name="ImageHeight">The image's height in pixels.</param>
/// <param name="PatchesX">Merged patches across (<c>n_patches_x</c>); each covers 28×28 pixels of the resized image.</param>
/// <param name="PatchesY">Merged patches down (<c>n_patches_y</c>).</param>
public readonly record struct ColQwenPatchGrid(int ImageWidth, int ImageHeight, int PatchesX, int PatchesY)
{
    /// <summary>Gets the number of image tokens: <see cref="PatchesX"/> × <see cref="PatchesY"/>.</summary>
    public int PatchCount => PatchesX * PatchesY;
}
