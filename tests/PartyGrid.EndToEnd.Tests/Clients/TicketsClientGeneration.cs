using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace PartyGrid.EndToEnd.Tests.Clients;

/// <summary>
/// How <c>TicketsClient.g.cs</c> is made from the tickets service's OpenAPI document with NSwag, the
/// way a partner would make theirs: System.Text.Json, base address from the HttpClient.
/// </summary>
public static class TicketsClientGeneration
{
    public const string FileName = "TicketsClient.g.cs";

    public static async Task<string> GenerateAsync(string documentJson)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(documentJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "TicketsClient",
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            OperationNameGenerator = new SingleClientFromPathSegmentsOperationNameGenerator(),
            CSharpGeneratorSettings =
            {
                Namespace = "PartyGrid.EndToEnd.Tests.Clients",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile().ReplaceLineEndings("\n");
    }
}
