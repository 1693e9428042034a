namespace Providers.Core;

/// <summary>
/// Answers <c>GetService</c> for this project's chat clients and embedding generators the way Microsoft.Extensions.AI's
/// own clients do: nothing for a keyed request, the instance itself for any type it is, then the objects it exposes
/// (its metadata, its <see cref="ServiceHttpClient"/>, a model) for any type they are.
/// </summary>
public static class ServiceLookup
{
    /// <summary>Finds the service of type <paramref name="serviceType"/> that <paramref name="instance"/> offers.</summary>
    /// <param name="instance">The client or generator asked; returned when it is a <paramref name="serviceType"/>.</param>
    /// <param name="serviceType">The type asked for.</param>
    /// <param name="serviceKey">The key asked for; these objects hold no keyed services, so any key finds nothing.</param>
    /// <param name="services">What else the instance exposes, in order of preference; <see langword="null"/> entries are skipped.</param>
    /// <returns>The first match, or <see langword="null"/>.</returns>
    public static object? Find(object instance, Type serviceType, object? serviceKey, params ReadOnlySpan<object?> services)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType.IsInstanceOfType(instance))
        {
            return instance;
        }

        foreach (object? service in services)
        {
            if (serviceType.IsInstanceOfType(service))
            {
                return service;
            }
        }

        return null;
    }
}
