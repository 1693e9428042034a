using Microsoft.Extensions.AI;

namespace Providers.Core.Tests.Services;

public sealed class ServiceLookupTests
{
    private static readonly ChatClientMetadata Metadata = new("Loopback", new Uri("http://127.0.0.1/"), "model");

    [Fact]
    public void Finds_the_instance_for_any_type_it_is()
    {
        var instance = new List<int>();

        Assert.Same(instance, ServiceLookup.Find(instance, typeof(IEnumerable<int>), null, Metadata));
        Assert.Same(instance, ServiceLookup.Find(instance, typeof(object), null, Metadata));
    }

    [Fact]
    public void Finds_an_exposed_service_by_its_type()
    {
        Assert.Same(Metadata, ServiceLookup.Find(new object(), typeof(ChatClientMetadata), null, "text", null, Metadata));
    }

    [Fact]
    public void Finds_nothing_for_a_keyed_request()
    {
        var instance = new List<int>();

        Assert.Null(ServiceLookup.Find(instance, typeof(List<int>), "key", Metadata));
    }

    [Fact]
    public void Finds_nothing_of_a_type_neither_the_instance_nor_its_services_are()
    {
        Assert.Null(ServiceLookup.Find(new object(), typeof(ServiceHttpClient), null, Metadata));
    }
}
