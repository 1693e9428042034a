using Providers.Core.Imaging;

namespace Providers.ColQwen.Onnx.Imaging;

/// <summary>A resized page in Qwen2-VL's units: 14-pixel patches, merged 2 × 2 into one language-model token.</summary>
/// <param name="Height">Patches down (<c>image_grid_thw[1]</c>), always even.</param>
/// <param name="Width">Patches across (<c>image_grid_thw[2]</c>), always even.</param>
internal readonly record struct PatchGrid(int Height, int Width)
{
    public const int PatchSize = QwenImageGrid.PatchSize;
    public const int MergeSize = QwenImageGrid.MergeSize;
    public const int TemporalPatchSize = 2;
    public const int Factor = QwenImageGrid.Factor;

    /// <summary>Values in one row of <c>pixel_values</c>: 3 channels × 2 frames × 14 × 14.</summary>
    public const int ValuesPerPatch = 3 * TemporalPatchSize * PatchSize * PatchSize;

    public int PatchCount => Height * Width;

    public int MergedHeight => Height / MergeSize;

    public int MergedWidth => Width / MergeSize;

    /// <summary>Gets the number of image tokens the page becomes in the prompt.</summary>
    public int TokenCount => MergedHeight * MergedWidth;

    public int ResizedHeight => Height * PatchSize;

    public int ResizedWidth => Width * PatchSize;

    public int ValueCount => PatchCount * ValuesPerPatch;

    public override string ToString() => $"{Width}x{Height} patches";
}
