using System.CommandLine;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Init;

/// <summary><c>rp init</c>: create the warehouse, load the built-in frameworks, roster and waves, and the pseudonym key.</summary>
public static class InitCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("init", "Create the warehouse, load frameworks and roster.");
        command.SetAction(r =>
        {
            var context = common.Context(r);
            return context.Runner().Run("init", () => Init(context), create: () => CreateWarehouse(context)).ExitCode;
        });
        return command;
    }

    /// <summary>Creates an empty warehouse file with its schema, so that the writer of its first run can be recorded.</summary>
    public static void CreateWarehouse(RpContext context)
    {
        using var connection = WarehouseSchema.Open(context.Config.Warehouse);
    }

    public static StepResult Init(RpContext context)
    {
        var config = context.Config;
        var output = context.Output;
        using var connection = WarehouseSchema.Open(config.Warehouse);
        ReferenceLoader.LoadBuiltIns(connection);
        var key = PseudonymKey.Resolve(config.PseudonymKeyEnv, config.Warehouse, createIfMissing: true, out var created);
        KeyGuard.Check(connection, new Pseudonymizer(key));
        output.WriteLine($"Warehouse ready: {config.Warehouse}");
        output.WriteLine("  frameworks: " + string.Join(", ", Db.Strings(connection, "select framework_id || ' (' || (select count(*) from core.dimensions d where d.framework_id = f.framework_id) || ' dimensions, ' || (select count(*) from core.descriptors d where d.framework_id = f.framework_id) || ' descriptors)' from core.frameworks f order by 1")));
        output.WriteLine("  units: " + string.Join(", ", Db.Strings(connection, "select network_id || ' ' || count(*) from core.units group by network_id order by 1")));
        if (created)
        {
            output.WriteLine($"  A new pseudonym key was written to {PseudonymKey.KeyFileFor(config.Warehouse)} (owner-readable only).");
            output.WriteLine($"  Keep it with the warehouse: without it, new ratings of the same people get different pseudonyms. Set ${config.PseudonymKeyEnv} to use your own.");
        }

        return StepResult.Ok("warehouse ready");
    }
}
