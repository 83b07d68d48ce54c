using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Serve;

/// <summary>
/// <c>rp serve</c>: a Hangfire server with the config's recurring jobs, its dashboard on
/// 127.0.0.1 (remote only when configured, behind credentials), in-memory job storage by default or PostgreSQL so that
/// several servers share one queue. Ctrl-C or SIGTERM stops it gracefully: running jobs finish their step (each
/// step is transactional) before the process ends.
/// </summary>
public static class ServeHost
{
    /// <param name="jsonLogs">Log one JSON object per line (the JSON console formatter) instead of plain lines.</param>
    public static int Run(PipelineConfig config, TextWriter output, bool jsonLogs = false)
    {
        var serve = config.Serve;
        string? connectionString = null;
        if (serve.JobsStorage == "postgres")
        {
            connectionString = Environment.GetEnvironmentVariable(serve.ConnectionEnv!) is { Length: > 0 } cs ? cs
                : throw new PipelineInputException($"jobs_storage: postgres: the environment variable {serve.ConnectionEnv} is not set; put the PostgreSQL connection string in it.");
        }

        IDashboardAuthorizationFilter authorization = new LocalRequestsOnlyAuthorizationFilter();
        if (serve.DashboardRemote)
        {
            var user = Environment.GetEnvironmentVariable(serve.DashboardUserEnv!);
            var password = Environment.GetEnvironmentVariable(serve.DashboardPasswordEnv!);
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
            {
                throw new PipelineInputException($"dashboard.remote: set {serve.DashboardUserEnv} and {serve.DashboardPasswordEnv} to the dashboard's user name and password.");
            }

            authorization = new BasicAuthFilter(user, password);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (jsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }; // <, > and " as themselves: a log is not HTML
            }).SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(typeof(JobLog).FullName, LogLevel.Information);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }

        // A host that cannot start (a port in use) throws, and rp's error boundary says so in one line; the host's own
        // log of it would add a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.UseUrls($"http://{(serve.DashboardRemote ? "0.0.0.0" : "127.0.0.1")}:{serve.DashboardPort}");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHangfire(h =>
        {
            h.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (connectionString is not null)
            {
                h.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) });
            }
            else
            {
                h.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer(o =>
        {
            o.SchedulePollingInterval = TimeSpan.FromSeconds(serve.PollSeconds);
            o.WorkerCount = 2;
            o.ServerName = $"rp-{Environment.MachineName}-{Environment.ProcessId}";
            o.StopTimeout = TimeSpan.FromMinutes(1);
            o.ShutdownTimeout = TimeSpan.FromMinutes(2);
        });
        builder.Services.AddTransient<PipelineJobs>();
        builder.Services.AddSingleton(services => new JobLog(jsonLogs ? services.GetRequiredService<ILogger<JobLog>>() : null, TimeProvider.System));
        using var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [authorization], DashboardTitle = "ResearchPipeline jobs", AppPath = null });

        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(serve.TimeZone);
        ScheduledJobs.Register(recurring, serve.Schedules, zone);

        // Start first, then say where: with dashboard.port 0 the system picks a free port, and this is how a user
        // (or a test) learns it.
        app.Start();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var log = app.Services.GetRequiredService<JobLog>();
        log.Server(output, $"Serving {config.Warehouse}");
        log.Server(output, $"  dashboard: http://{(serve.DashboardRemote ? "<this machine>" : "127.0.0.1")}:{port}/hangfire{(serve.DashboardRemote ? " (remote, with credentials)" : " (this machine only)")}");
        log.Server(output, $"  storage:   {serve.JobsStorage}; schedules ({serve.TimeZone}): {(serve.Schedules.Count == 0 ? "none" : string.Join(", ", serve.Schedules.Select(s => $"{s.Key} \"{s.Value}\"")))}");
        log.Server(output, "  Ctrl-C or SIGTERM stops it after the running jobs finish their step.");
        app.WaitForShutdown();
        return 0;
    }
}
