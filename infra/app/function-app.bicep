// The Flex Consumption (FC1) plan and the function app: .NET 10 isolated worker, running as the user-assigned
// identity, HTTPS only, FTP off. App settings carry every setting the app reads, named as in local.settings.sample.json.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param hostBlobEndpoint string
param hostQueueEndpoint string
param hostTableEndpoint string
param deploymentContainer string
param dataBlobEndpoint string
param dataQueueEndpoint string
param dataTableEndpoint string
param reportJobsQueue string
param deliveryQueue string
param reminderQueue string
param applicationInsightsConnectionString string
param adminTokenSecretUri string
param webhookSecretUri string
param webhookUrl string
param dueDay int
param monthlyReportSchedule string
param annualReportSchedule string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainer
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }

  resource basicPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: { allow: false }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: { allow: false }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: {
      // The host's storage, by identity.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
      AzureWebJobsStorage__queueServiceUri: hostQueueEndpoint
      AzureWebJobsStorage__tableServiceUri: hostTableEndpoint
      // The app's data, by identity (shared keys are off).
      Storage__credential: 'managedidentity'
      Storage__clientId: identityClientId
      Storage__blobServiceUri: dataBlobEndpoint
      Storage__queueServiceUri: dataQueueEndpoint
      Storage__tableServiceUri: dataTableEndpoint
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      ReportJobsQueue: reportJobsQueue
      DeliveryQueue: deliveryQueue
      ReminderQueue: reminderQueue
      ReminderSchedule: '0 0 1 * * *'
      MonthlyReportSchedule: monthlyReportSchedule
      AnnualReportSchedule: annualReportSchedule
      VillageReports__AdminToken: '@Microsoft.KeyVault(SecretUri=${adminTokenSecretUri})'
      VillageReports__DueDay: string(dueDay)
      VillageReports__MaxBodyBytes: '65536'
      VillageReports__BodyReadTimeout: '00:00:30'
      VillageReports__StorageNetworkTimeout: '00:00:04'
      VillageReports__StorageMaxRetries: '2'
      VillageReports__TokenCacheDuration: '00:01:00'
      VillageReports__UnitCacheDuration: '00:01:00'
      VillageReports__LockSettleTime: '00:00:01'
      VillageReports__CatalogPath: ''
      VillageReports__AnnualTemplatePath: ''
      VillageReports__StoragePrefix: ''
      VillageReports__Delivery__WebhookUrl: webhookUrl
      VillageReports__Delivery__WebhookSecret: empty(webhookSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${webhookSecretUri})'
      VillageReports__Delivery__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
      VillageReports__Delivery__MaxAttempts: '5'
      VillageReports__Delivery__FirstRetryDelay: '00:00:02'
      VillageReports__Delivery__AttemptTimeout: '00:00:10'
    }
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
