using System.Runtime.Intrinsics.X86;

namespace Providers.VectorData.Tests.LateInteraction;

/// <summary>A theory that xunit reports as skipped on processors without the instruction set it exercises.</summary>
public sealed class RequiresCpuFeatureTheoryAttribute : TheoryAttribute
{
    public RequiresCpuFeatureTheoryAttribute(string feature)
    {
        bool supported = feature switch
        {
            "AvxVnni" => AvxVnni.IsSupported,
            "Avx512BW" => Avx512BW.IsSupported,
            _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown feature."),
        };

        if (!supported)
        {
            Skip = $"This processor lacks {feature}.";
        }
    }
}
