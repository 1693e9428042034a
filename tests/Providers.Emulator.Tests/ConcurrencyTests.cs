using System.Net;

namespace Providers.Emulator.Tests;

public sealed class ConcurrencyTests : EmulatorTest
{
    [Fact]
    public async Task Answers_200_concurrent_requests_across_services_each_correctly()
    {
        using var scibox = Client(EmulatedService.SciBox);
        using var colqwen = Client(EmulatedService.ColQwen);

        var requests = Enumerable.Range(0, 200).Select(async i =>
        {
            var text = $"request number {i}";
            switch (i % 3)
            {
                case 0:
                    var (_, embedded) = await PostAsync(scibox, "v1/embeddings", $$"""{"model":"bge-m3","input":["{{text}}","other {{i}}"]}""");
                    return embedded["data"]!.AsArray().Count == 2 && embedded["data"]![0]!["embedding"]!.AsArray().Count == 1024;
                case 1:
                    var (_, chat) = await PostAsync(scibox, "v1/chat/completions", $$"""
                        {"model":"Qwen2.5-72B-Instruct-AWQ","messages":[{"role":"system","content":"The code is {{i}}."},{"role":"user","content":"What is the code?"}]}
                        """);
                    return chat["choices"]![0]!["message"]!["content"]!.GetValue<string>() == $"The code is {i}.";
                default:
                    var (response, queries) = await PostAsync(colqwen, "embed/queries", $$"""{"queries":["{{text}}"]}""");
                    return response.StatusCode == HttpStatusCode.OK && queries["embeddings"]![0]!.AsArray().Count == 1 + 3 + 10;
            }
        });

        var results = await Task.WhenAll(requests);

        Assert.All(results, Assert.True);
        Assert.Equal(200, Emulator.Requests.All.Count);
    }
}
