using Microsoft.Extensions.AI;
using Providers.SvRay.Tests.Support;

namespace Providers.SvRay.Tests.Images;

public sealed class SvRayImageInputsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("svray-images-").FullName;

    [Fact]
    public async Task Loads_a_local_image_with_the_media_type_its_bytes_show()
    {
        string path = Path.Combine(_directory, "photo.dat");
        await File.WriteAllBytesAsync(path, TestImages.RedPixelPng);

        var image = await SvRayImageInputs.LoadFileAsync(path);

        Assert.Equal("image/png", image.MediaType);
        Assert.Equal("photo.dat", image.Name);
        Assert.Equal(TestImages.RedPixelPng, image.Data.ToArray());
    }

    [Fact]
    public async Task Refuses_a_local_file_that_is_not_an_image()
    {
        string path = Path.Combine(_directory, "notes.png");
        await File.WriteAllTextAsync(path, "just text");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SvRayImageInputs.LoadFileAsync(path));

        Assert.Contains("notes.png", error.Message);
    }

    [Fact]
    public async Task Refuses_a_local_file_cut_off_inside_its_image_header()
    {
        string path = Path.Combine(_directory, "cut.png");
        await File.WriteAllBytesAsync(path, TestImages.RedPixelPng[..20]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SvRayImageInputs.LoadFileAsync(path));

        Assert.Contains("header is truncated", error.Message);
    }

    [Fact]
    public async Task Builds_images_then_texts_from_urls_paths_and_captions_as_the_reference_client_takes_them()
    {
        string path = Path.Combine(_directory, "local.png");
        await File.WriteAllBytesAsync(path, TestImages.RedPixelPng);

        var inputs = await SvRayImageInputs.CreateAsync(["https://example.com/image.png", path], ["A short caption"]);

        Assert.Collection(
            inputs,
            i => Assert.Equal("https://example.com/image.png", Assert.IsType<UriContent>(i).Uri.ToString()),
            i => Assert.Equal("image/png", Assert.IsType<DataContent>(i).MediaType),
            i => Assert.Equal("A short caption", Assert.IsType<TextContent>(i).Text));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
