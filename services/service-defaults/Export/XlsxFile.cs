using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using PartyGrid.ServiceDefaults.Import;

namespace PartyGrid.ServiceDefaults.Export;

/// <summary>
/// An export answered as an Excel workbook download, its rows read while they are written. The file
/// name is given in Chinese (RFC 6266 <c>filename*</c>) with an ASCII fallback; the answer is never
/// cached, since exports carry names and masked personal data. As an endpoint's result it documents
/// its <c>200</c> as the workbook's media type.
/// </summary>
public sealed class XlsxFile(string fileName, string sheetName, IReadOnlyList<XlsxColumn> columns, IAsyncEnumerable<IReadOnlyList<object?>> rows)
    : IResult, IEndpointMetadataProvider
{
    public const string MediaType = ImportFiles.XlsxMediaType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = MediaType;
        response.Headers.CacheControl = "no-store";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName + ".xlsx");
        response.Headers.ContentDisposition = disposition.ToString();
        var cancellationToken = httpContext.RequestAborted;
        await using var sheet = await XlsxSheet.StartAsync(response.Body, sheetName, columns, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await sheet.WriteRowAsync(row, cancellationToken);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), [MediaType]));
}
