using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using Providers.VectorData.Orleans.Wire;

namespace Providers.VectorData.Orleans.Shards;

/// <summary>
/// Rebuilds a pushed-down filter as an expression over a shard's dictionary records, in the shape a C# compiler
/// gives <c>r =&gt; (int)r["Year"] &gt;= 2023</c>, so the store's own filter rules judge and run it.
/// </summary>
internal static class ShardFilterCompiler
{
    private static readonly ParameterExpression Record = Expression.Parameter(typeof(Dictionary<string, object?>), "r");
    private static readonly MethodInfo Indexer = typeof(Dictionary<string, object?>).GetProperty("Item")!.GetMethod!;
    private static readonly MethodInfo EnumerableAny = typeof(Enumerable).GetMethods()
        .Single(method => method.Name == nameof(Enumerable.Any) && method.GetParameters().Length == 2);

    private static readonly MethodInfo EnumerableContains = typeof(Enumerable).GetMethods()
        .Single(method => method.Name == nameof(Enumerable.Contains) && method.GetParameters().Length == 2);

    [RequiresUnreferencedCode("Filter values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Filter values are deserialized from JSON by reflection.")]
    public static Expression<Func<Dictionary<string, object?>, bool>> Compile(ShardFilter filter, IReadOnlyDictionary<string, Type> propertyTypes)
        => Expression.Lambda<Func<Dictionary<string, object?>, bool>>(Build(filter, propertyTypes), Record);

    /// <summary>Returns <c>r =&gt; r["name"]</c>, naming a vector property to search or an ordering key.</summary>
    public static Expression<Func<Dictionary<string, object?>, object?>> Selector(string property)
        => Expression.Lambda<Func<Dictionary<string, object?>, object?>>(Expression.Call(Record, Indexer, Expression.Constant(property)), Record);

    [RequiresUnreferencedCode("Filter values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Filter values are deserialized from JSON by reflection.")]
    private static Expression Build(ShardFilter node, IReadOnlyDictionary<string, Type> types)
    {
        switch (node.Kind)
        {
            case ShardFilterKind.And:
                return Expression.AndAlso(Build(node.Children[0], types), Build(node.Children[1], types));
            case ShardFilterKind.Or:
                return Expression.OrElse(Build(node.Children[0], types), Build(node.Children[1], types));
            case ShardFilterKind.Not:
                return Expression.Not(Build(node.Children[0], types));
            case ShardFilterKind.Constant:
                return Expression.Constant(node.Constant);
            case ShardFilterKind.BoolProperty:
                return Property(node, types, out _);
            case ShardFilterKind.Compare:
            {
                var property = Property(node, types, out var type);
                var value = Expression.Constant(ShardJson.Deserialize(node.ValueJson!, type), type);
                return Expression.MakeBinary(node.Comparison, property, value);
            }

            case ShardFilterKind.InList:
            {
                var property = Property(node, types, out var type);
                var values = Expression.Constant(ShardJson.Deserialize(node.ValueJson!, type.MakeArrayType()), type.MakeArrayType());
                return Expression.Call(EnumerableContains.MakeGenericMethod(type), values, property);
            }

            case ShardFilterKind.CollectionContains:
            {
                var property = Property(node, types, out var type);
                var element = ElementType(type) ?? throw new InvalidDataException($"Filter property '{node.Property}' is not a collection.");
                var value = Expression.Constant(ShardJson.Deserialize(node.ValueJson!, element), element);
                return Expression.Call(EnumerableContains.MakeGenericMethod(element), property, value);
            }

            case ShardFilterKind.AnyInList:
            {
                var property = Property(node, types, out var type);
                var element = ElementType(type) ?? throw new InvalidDataException($"Filter property '{node.Property}' is not a collection.");
                var values = Expression.Constant(ShardJson.Deserialize(node.ValueJson!, element.MakeArrayType()), element.MakeArrayType());
                var item = Expression.Parameter(element, "item");
                var contains = Expression.Lambda(Expression.Call(EnumerableContains.MakeGenericMethod(element), values, item), item);
                return Expression.Call(EnumerableAny.MakeGenericMethod(element), property, contains);
            }

            default:
                throw new InvalidDataException($"Unknown filter node kind {node.Kind}.");
        }
    }

    private static Expression Property(ShardFilter node, IReadOnlyDictionary<string, Type> types, out Type type)
    {
        type = types.TryGetValue(node.Property ?? "", out var found)
            ? found
            : throw new InvalidDataException($"The filter names property '{node.Property}', which the collection does not declare.");
        return Expression.Convert(Expression.Call(Record, Indexer, Expression.Constant(node.Property)), type);
    }

    private static Type? ElementType(Type type)
        => type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
