using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace PartyGrid.AppHost;

/// <summary>
/// A PartyGrid process (a service, the gateway, the demo loader) started from its build output.
/// Aspire's <c>AddProject</c> starts a project with <c>dotnet run</c>, whose SDK process stays beside the
/// service for its whole life (~130 MB resident, ~65 MB proportional, for each of them); a deployment has
/// no such process, and a local run has no need of one: the AppHost's build has built every project.
/// It is an executable that other resources can reference by name (service discovery), as a project is.
/// </summary>
public sealed class BuiltProject(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithServiceDiscovery;

public static class BuiltProjects
{
    // The projects were built with the AppHost, in its configuration and for its framework.
    private static readonly string Configuration =
        typeof(BuiltProject).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static readonly string TargetFramework =
        "net" + new FrameworkName(typeof(BuiltProject).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName).Version.ToString(2);

    // The runtime the AppHost runs on, for the services' app hosts (dotnet run sets the same).
    private static readonly string DotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>Adds a project's built app host as a resource, with what <c>AddProject</c> gives a project: telemetry to the dashboard, plain console logs.</summary>
    public static IResourceBuilder<BuiltProject> AddBuiltProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var projectPath = new TProject().ProjectPath;
        var directory = Path.GetDirectoryName(projectPath)!;
        var appHost = Path.Combine(directory, "bin", Configuration, TargetFramework, Path.GetFileNameWithoutExtension(projectPath));
        if (builder.ExecutionContext.IsRunMode && !File.Exists(appHost))
        {
            throw new DistributedApplicationException($"{name}: {appHost} is not built; build the AppHost ({Configuration}) first.");
        }

        // The project's directory is its working directory, as under dotnet run: its content root.
        return builder.AddResource(new BuiltProject(name, appHost, directory))
            .WithEnvironment("DOTNET_ROOT", DotnetRoot)
            .WithEnvironment("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory")
            .WithEnvironment("DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION", "true")
            .WithEnvironment("LOGGING__CONSOLE__FORMATTERNAME", "simple")
            .WithOtlpExporter();
    }

    /// <summary>The process's HTTP endpoint (on a fixed public port, or one DCP allocates), where Kestrel listens.</summary>
    public static IResourceBuilder<BuiltProject> WithHttpService(this IResourceBuilder<BuiltProject> process, int? port = null)
    {
        process.WithHttpEndpoint(port: port);
        var endpoint = process.GetEndpoint("http");
        return process.WithEnvironment(
            "ASPNETCORE_URLS", ReferenceExpression.Create($"http://{endpoint.EndpointAnnotation.TargetHost}:{endpoint.Property(EndpointProperty.TargetPort)}"));
    }
}
