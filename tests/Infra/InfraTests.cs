using System.Text.Json;
using VillageReports.Local;
using VillageReports.Tests.Local;

namespace VillageReports.Tests.Infra;

public class InfraTests
{
    [Fact]
    public void Main_bicep_compiles_with_no_error_and_no_lint_warning()
    {
        var (_, lintErrors, lintCode) = BicepTemplate.Run("lint", BicepTemplate.Main);

        Assert.True(BicepTemplate.ExitCode == 0, BicepTemplate.Diagnostics);
        Assert.True(BicepTemplate.Diagnostics.Trim().Length == 0, BicepTemplate.Diagnostics);
        Assert.True(lintCode == 0 && lintErrors.Trim().Length == 0, lintErrors);
    }

    [Fact]
    public void Modules_are_local_files()
    {
        var bicep = Directory.GetFiles(Path.Combine(FunctionMetadataTests.RepositoryRoot(), "infra"), "*.bicep", SearchOption.AllDirectories);

        Assert.All(bicep, file => Assert.DoesNotContain("br/public:", File.ReadAllText(file), StringComparison.Ordinal));
        Assert.Contains(bicep, f => f.Contains($"{Path.DirectorySeparatorChar}app{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_accounts_take_identity_only_https_only_tls_1_2_and_no_public_blobs()
    {
        var accounts = BicepTemplate.OfType("Microsoft.Storage/storageAccounts").ToList();

        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a =>
        {
            var p = a.GetProperty("properties");
            Assert.False(p.GetProperty("allowSharedKeyAccess").GetBoolean());
            Assert.False(p.GetProperty("allowBlobPublicAccess").GetBoolean());
            Assert.Equal("TLS1_2", p.GetProperty("minimumTlsVersion").GetString());
            Assert.True(p.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        });
    }

    [Fact]
    public void Report_blobs_are_versioned_and_soft_deleted()
    {
        var services = BicepTemplate.OfType("Microsoft.Storage/storageAccounts/blobServices").Where(s => s.TryGetProperty("properties", out _)).ToList();

        var data = Assert.Single(services, s => s.GetProperty("properties").TryGetProperty("isVersioningEnabled", out _));
        Assert.True(data.GetProperty("properties").GetProperty("isVersioningEnabled").GetBoolean());
        Assert.True(data.GetProperty("properties").GetProperty("deleteRetentionPolicy").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public void The_function_app_runs_dotnet_10_isolated_on_flex_consumption_with_its_own_identity()
    {
        var plan = Assert.Single(BicepTemplate.OfType("Microsoft.Web/serverfarms"));
        var site = Assert.Single(BicepTemplate.OfType("Microsoft.Web/sites"));
        var properties = site.GetProperty("properties");

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("UserAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("Disabled", properties.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        Assert.Equal("1.2", properties.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        var runtime = properties.GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
        var publishing = BicepTemplate.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], BicepTemplate.NamesOf("Microsoft.Web/sites/basicPublishingCredentialsPolicies").Order(StringComparer.Ordinal));
        Assert.All(publishing, p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public void Secrets_live_in_key_vault_and_the_app_settings_only_reference_them()
    {
        var vault = Assert.Single(BicepTemplate.OfType("Microsoft.KeyVault/vaults"));
        var settings = AppSettings();

        Assert.True(vault.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings["VillageReports__AdminToken"], StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["VillageReports__Delivery__WebhookSecret"], StringComparison.Ordinal);
        Assert.Equal("managedidentity", settings["Storage__credential"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
    }

    [Fact]
    public void No_output_carries_a_secret()
    {
        var outputs = BicepTemplate.Template.GetProperty("outputs").EnumerateObject().ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, o =>
        {
            Assert.DoesNotContain("secure", o.Value.GetProperty("type").GetString()!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("(?i)token|secret|password|connection|accountkey|apikey|_KEY$", o.Name);
        });
    }

    [Fact]
    public void Each_role_is_granted_once_to_the_apps_identity_and_no_broader_role_is()
    {
        string[] expected =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (host storage)
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor (data)
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
        ];
        // Role IDs compile to references into role.bicep's exported `roles` map; resolve them through it.
        var roles = BicepTemplate.Variables("roles");
        var granted = BicepTemplate.OfType("Microsoft.Authorization/roleAssignments")
            .Select(r => r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!)
            .Select(id => System.Text.RegularExpressions.Regex.Match(id, @"variables\('roles'\)\.(\w+)") is { Success: true } m ? roles[m.Groups[1].Value] : id)
            .ToList();

        Assert.Equal(expected.Order(StringComparer.Ordinal), granted.Order(StringComparer.Ordinal));
        Assert.All(BicepTemplate.OfType("Microsoft.Authorization/roleAssignments"), r => Assert.Equal("ServicePrincipal", r.GetProperty("properties").GetProperty("principalType").GetString()));
        var assignments = BicepTemplate.InModules("Microsoft.Authorization/roleAssignments").ToList();
        Assert.Equal(granted.Count, assignments.Count);
        Assert.All(assignments, a =>
        {
            // Each module grants to a principal parameter; the caller must bind it to the identity module's principalId.
            var parameter = System.Text.RegularExpressions.Regex.Match(a.Resource.GetProperty("properties").GetProperty("principalId").GetString()!, @"^\[parameters\('(\w+)'\)\]$");
            Assert.True(parameter.Success, "a role is granted to a principal that is not a module parameter");
            var bound = a.Module.GetProperty("properties").GetProperty("parameters").GetProperty(parameter.Groups[1].Value).GetProperty("value").GetString()!;
            Assert.Contains("'Microsoft.Resources/deployments', 'identity')", bound, StringComparison.Ordinal);
            Assert.EndsWith(".outputs.principalId.value]", bound, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_setting_the_app_reads_is_set_in_bicep_and_in_the_sample_settings()
    {
        var bicep = AppSettings().Keys.ToHashSet(StringComparer.Ordinal);
        var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionMetadataTests.RepositoryRoot(), "local.settings.sample.json")))
            .RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        var read = SettingsTheAppReads().ToList();

        Assert.Contains("MonthlyReportSchedule", read);
        Assert.Contains("VillageReports__Delivery__WebhookUrl", read);
        Assert.All(read, setting =>
        {
            Assert.True(IsSet(bicep, setting), $"{setting} is not set in infra/app/function-app.bicep");
            Assert.True(IsSet(sample, setting), $"{setting} is not in local.settings.sample.json");
        });
    }

    [Fact]
    public void Bicep_declares_the_tables_containers_and_queues_the_app_uses()
    {
        var names = VillageReports.Storage.StorageNames.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        var tables = BicepTemplate.NamesOf("Microsoft.Storage/storageAccounts/tableServices/tables");
        var containers = BicepTemplate.NamesOf("Microsoft.Storage/storageAccounts/blobServices/containers");
        var queues = BicepTemplate.NamesOf("Microsoft.Storage/storageAccounts/queueServices/queues");

        Assert.Equal(
            new[] { names.UnitsTable, names.TokensTable, names.SubmissionsTable, names.PeriodsTable, names.TargetsTable, names.ReportsTable, names.DeliveriesTable, names.ApprovalsTable }.Order(StringComparer.Ordinal),
            tables.Order(StringComparer.Ordinal));
        Assert.Contains(names.ReportsContainer, containers);
        Assert.Contains(names.CountyInboxContainer, containers);
        Assert.Equal(
            new[] { names.ReportJobsQueue, names.ReportJobsQueue + "-poison", names.DeliveryQueue, names.DeliveryQueue + "-poison" }.Order(StringComparer.Ordinal),
            queues.Order(StringComparer.Ordinal));
    }

    /// <summary>Read off the code: the triggers' %settings%, the storage connection, and every options property.</summary>
    private static IEnumerable<string> SettingsTheAppReads()
    {
        yield return "AzureWebJobsStorage";
        yield return VillageReports.Storage.StorageConnection.Name;
        foreach (var function in FunctionIndex.Scan(typeof(VillageReportsServices).Assembly))
        {
            var expression = function.Trigger switch
            {
                TriggerKind.Timer => function.Timer.Schedule,
                TriggerKind.Queue => function.Queue.QueueName,
                _ => "",
            };
            if (expression.StartsWith('%'))
            {
                yield return expression.Trim('%');
            }
        }

        foreach (var property in typeof(VillageReportsOptions).GetProperties())
        {
            yield return "VillageReports__" + property.Name;
        }

        foreach (var property in typeof(VillageReports.Delivery.DeliveryOptions).GetProperties())
        {
            yield return "VillageReports__Delivery__" + property.Name;
        }
    }

    private static bool IsSet(HashSet<string> keys, string setting) =>
        keys.Contains(setting) || keys.Any(k => k.StartsWith(setting + "__", StringComparison.Ordinal));

    private static Dictionary<string, string> AppSettings()
    {
        var config = Assert.Single(BicepTemplate.OfType("Microsoft.Web/sites/config"), c => c.GetProperty("name").GetString()!.Contains("appsettings", StringComparison.Ordinal));
        return config.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
