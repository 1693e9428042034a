// SV inference server: Qwen2.5-VL explains an image. The image travels inside the message as a data URI
// (data:image/jpeg;base64,...), as in the seed's example (seed: sv-ray-cluster-and-inference.md, section 2.1).
//
//   SV_INFERENCE_URL  the inference server's base URL, e.g. http://10.0.10.66:8123 (unset: the in-process emulator)
//
//   dotnet run samples/notebooks/qwen-vl-image.cs
#:project ../../src/Providers.SvInference/Providers.SvInference.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using Microsoft.Extensions.AI;
using Providers.Samples;
using Providers.SvInference;

await using var services = new SampleServices(Console.Out);
var server = await services.SvInferenceAsync();
using IChatClient client = new SvInferenceChatClient(new SvInferenceOptions { Endpoint = server.Endpoint });

byte[] image = await File.ReadAllBytesAsync(SampleFiles.Image("inclined-plane.jpg"));
var question = new ChatMessage(ChatRole.User,
[
    new TextContent("Explain this image and put the explanation in a LaTeX tutorial."),
    new DataContent(image, "image/jpeg"),
]);
var response = await client.GetResponseAsync([question], new ChatOptions { MaxOutputTokens = 5000 });

Console.WriteLine(response.Text);
Console.WriteLine($"model: {response.ModelId}, tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");
