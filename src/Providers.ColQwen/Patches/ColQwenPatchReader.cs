using System.Drawing;
using Providers.Core;

namespace Providers.ColQwen;

/// <summary>Reads <c>/patches</c> answers: the <c>results</c> list, with per-item errors, or an older single result.</summary>
internal static class ColQwenPatchReader
{
    /// <exception cref="ProviderException">The service refused one or more sizes; the message names each.</exception>
    /// <exception cref="InvalidResponseException">The answer does not hold one result per size.</exception>
    public static ColQwenPatchGrid[] Read(PatchesResponse response, IReadOnlyList<Size> sizes)
    {
        if (response.Results is not { } results)
        {
            return response is { PatchesX: { } x, PatchesY: { } y } && sizes.Count == 1
                ? [new ColQwenPatchGrid(sizes[0].Width, sizes[0].Height, x, y)]
                : throw Invalid("The /patches answer has neither 'results' nor a single result.");
        }

        if (results.Count != sizes.Count)
        {
            throw Invalid($"The /patches answer holds {results.Count} results for {sizes.Count} sizes.");
        }

        var failed = Enumerable.Range(0, results.Count).Where(i => results[i]?.Error is not null).ToList();
        if (failed.Count > 0)
        {
            string items = string.Join("; ", failed.Select(i => $"size {i} ({sizes[i].Width}x{sizes[i].Height}): {results[i].Error}"));
            throw new ProviderException(ColQwenClient.ServiceName,
                $"{ColQwenClient.ServiceName} could not compute patches for {failed.Count} of {sizes.Count} sizes: {items}")
            {
                FailedInputs = new InputRange(failed[0], 1),
            };
        }

        var grids = new ColQwenPatchGrid[results.Count];
        for (int i = 0; i < results.Count; i++)
        {
            grids[i] = results[i] is { PatchesX: { } x, PatchesY: { } y }
                ? new ColQwenPatchGrid(sizes[i].Width, sizes[i].Height, x, y)
                : throw Invalid($"The /patches result {i} has no n_patches_x or n_patches_y.");
        }

        return grids;
    }

    private static InvalidResponseException Invalid(string problem) => new(ColQwenClient.ServiceName, $"{ColQwenClient.ServiceName}: {problem}");
}
