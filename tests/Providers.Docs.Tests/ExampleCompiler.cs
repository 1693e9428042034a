using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Providers.Docs.Tests;

/// <summary>
/// Compiles one example as the only file of a new console project that references this repository's packages:
/// the usings of `dotnet new console` (implicit usings) and nothing else, so each example must declare its own.
/// </summary>
public static class ExampleCompiler
{
    // What `ImplicitUsings` gives a Microsoft.NET.Sdk console project.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !Path.GetFileName(path).StartsWith("Providers.Docs.Tests", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList());

    /// <summary>The compiled example: its errors, or an assembly to run.</summary>
    public sealed record Result(IReadOnlyList<string> Errors, byte[]? Assembly, bool IsProgram);

    public static Result Compile(MarkdownExample example)
    {
        var tree = CSharpSyntaxTree.ParseText(example.Code, ParseOptions, path: example.Document);
        bool isProgram = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            $"Example_{Path.GetFileNameWithoutExtension(example.Document)}_{example.Line}",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions)],
            References.Value,
            new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        var errors = emit.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + example.Line + 1}: {d.Id} {d.GetMessage()}")
            .ToList();
        return new Result(errors, emit.Success ? stream.ToArray() : null, isProgram);
    }

    /// <summary>Runs a compiled program in its own load context and returns what it printed.</summary>
    public static async Task<string> RunAsync(byte[] assembly)
    {
        var context = new AssemblyLoadContext("example", isCollectible: true);
        try
        {
            var entryPoint = context.LoadFromStream(new MemoryStream(assembly)).EntryPoint!;
            var output = new StringWriter();
            var previous = Console.Out;
            Console.SetOut(output);
            try
            {
                object?[] arguments = entryPoint.GetParameters().Length == 0 ? [] : [Array.Empty<string>()];
                if (entryPoint.Invoke(null, arguments) is Task task)
                {
                    await task;
                }
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
            finally
            {
                Console.SetOut(previous);
            }

            return output.ToString();
        }
        finally
        {
            context.Unload();
        }
    }
}
