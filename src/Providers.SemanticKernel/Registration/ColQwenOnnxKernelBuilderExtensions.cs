using Microsoft.Extensions.DependencyInjection;
using Providers.ColQwen.Onnx;

namespace Microsoft.SemanticKernel;

/// <summary>Adds the in-process ColQwen2.5 generators (ONNX Runtime) to a kernel.</summary>
public static class ColQwenOnnxKernelBuilderExtensions
{
    /// <summary>
    /// Adds one shared <see cref="ColQwenOnnxModel"/> and, over it, the kernel's multi-vector page
    /// (<c>DataContent</c>) and query (<c>string</c>) embedding generators.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options, at least <see cref="ColQwenOnnxOptions.ModelDirectory"/>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddColQwenOnnxEmbeddings(this IKernelBuilder builder, Action<ColQwenOnnxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddColQwenOnnxEmbeddings(configure);
        return builder;
    }

    /// <summary>As <see cref="AddColQwenOnnxEmbeddings(IKernelBuilder, Action{ColQwenOnnxOptions})"/>, with the options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configurationSection">The configuration section holding the options, e.g. <c>"ColQwenOnnx"</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddColQwenOnnxEmbeddings(this IKernelBuilder builder, string configurationSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddColQwenOnnxEmbeddings(configurationSection);
        return builder;
    }
}
