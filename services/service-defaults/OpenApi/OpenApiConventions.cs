using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PartyGrid.ServiceDefaults.OpenApi;

/// <summary>
/// How every PartyGrid OpenAPI document reads: OpenAPI 3.0 (what client generators such as NSwag
/// read best), both ways in (staff bearer token, partner <c>X-Api-Key</c>), no server URL of its own
/// (a document fetched through the gateway is called through the gateway), and the problem answers
/// every authenticated operation can give, so clients can type them.
/// </summary>
public static class OpenApiConventions
{
    public const string BearerScheme = "bearer";
    public const string ApiKeyScheme = "apiKey";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemMediaType = "application/problem+json";

    public static void Apply(OpenApiOptions options, string title, string description)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
        options.AddDocumentTransformer((document, context, cancellationToken) =>
        {
            document.Info = new OpenApiInfo { Title = title, Version = "v1", Description = description };
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A PartyGrid staff token.",
            };
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "A partner system's key, with scopes and an organisation subtree.",
            };
            NullableReferences(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            var document = context.Document!;
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
            ];

            if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
                document.AddComponent(ProblemSchema, schema);
            }

            operation.Responses ??= new OpenApiResponses();
            var method = context.Description.HttpMethod ?? "GET";
            var hasInput = context.Description.ParameterDescriptions.Count > 0;
            var hasId = context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true;
            AddProblem(operation, document, "400", "The request is malformed or a field is invalid (`errors` per field).", hasInput);
            AddProblem(operation, document, "401", "No credentials, or a token or key that is expired, revoked or forged.", true);
            AddProblem(operation, document, "403", "Credentials without the role, scope or organisation this needs.", true);
            AddProblem(operation, document, "404", "Unknown, or outside the caller's organisation subtree.", hasId);
            AddProblem(operation, document, "409", "The change is not allowed in the current state (the rule is in `code`).", !HttpMethods.IsGet(method));
            AddProblem(operation, document, "429", "Too many requests from this client; see `Retry-After`.", true);
        });
    }

    /// <summary>
    /// A nullable enum field comes out as <c>oneOf: [null, $ref]</c> and its enum lists <c>null</c>
    /// among the values, which generators read as an untyped class. Written the OpenAPI 3.0 way
    /// instead — <c>allOf: [$ref], nullable: true</c> on the field, the values alone in the enum — a
    /// generated client gets the enum type.
    /// </summary>
    private static void NullableReferences(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Enum is { Count: > 0 } values)
            {
                schema.Enum = [.. values.Where(v => v is not null)];
            }

            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                if (property.OneOf is { Count: 2 } alternatives
                    && alternatives.FirstOrDefault(a => a is OpenApiSchemaReference) is { } reference
                    && alternatives.Any(a => a is not OpenApiSchemaReference))
                {
                    schema.Properties![name] = new OpenApiSchema { Type = JsonSchemaType.Null, AllOf = [reference], Description = property.Description };
                }
            }
        }
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, string status, string description, bool applies)
    {
        if (!applies || operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }
}
