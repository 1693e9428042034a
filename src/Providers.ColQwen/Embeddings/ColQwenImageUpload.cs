using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Providers.Core.Imaging;

namespace Providers.ColQwen;

/// <summary>
/// Checks page images and builds the <c>/embed/images</c> multipart body: one <c>files</c> part per image, typed by
/// its actual format. Every image's header is read first, so a bad input is refused, by index, before anything is sent.
/// </summary>
internal static class ColQwenImageUpload
{
    /// <summary>Builds the body, and the patch grid the service will make of each image.</summary>
    /// <exception cref="ArgumentException">An image is null, not a readable supported image, or too narrow for the image processor.</exception>
    public static (MultipartFormDataContent Content, ColQwenPatchGrid[] Grids) Create(IReadOnlyList<DataContent> images, string parameterName)
    {
        var grids = new ColQwenPatchGrid[images.Count];
        var headers = new ImageHeader[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i] ?? throw new ArgumentException($"Image {i} is null.", parameterName);
            headers[i] = ImageHeader.Read(image.Data.Span, $"Image {i}", parameterName);
            try
            {
                grids[i] = ColQwenPatchCalculator.Compute(headers[i].Width, headers[i].Height);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Image {i}: {e.Message}", parameterName, e);
            }
        }

        var form = new MultipartFormDataContent();
        for (int i = 0; i < images.Count; i++)
        {
            form.Add(CreateFilePart(images[i].Data, headers[i], i));
        }

        return (form, grids);
    }

    private static ReadOnlyMemoryContent CreateFilePart(ReadOnlyMemory<byte> data, ImageHeader header, int index)
    {
        // Named after the input's position, so that the service's "File x is not an image" points at the input.
        string fileName = $"image-{index}.{header.Format.ToString().ToLowerInvariant()}";
        var part = new ReadOnlyMemoryContent(data);
        part.Headers.ContentType = new MediaTypeHeaderValue(header.MediaType);
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileName = $"\"{fileName}\"" };
        return part;
    }
}
