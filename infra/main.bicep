// VillageReports on Azure: a Flex Consumption function app with its own data account, monitored, with its secrets
// in Key Vault and identity-only access to storage. `azd up` deploys it (see azure.yaml); the README says how else.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Name of the azd environment; every resource name is derived from it.')
param environmentName string

@minLength(1)
@description('Azure region for all resources.')
param location string

@secure()
@minLength(32)
@description('The town office admin token (at least 32 characters). Stored in Key Vault only.')
param adminToken string

@description('The county webhook that receives a signed notice for each report version; empty for inbox delivery only.')
param webhookUrl string = ''

@secure()
@description('The secret the webhook notice is signed with (HMAC-SHA256). Stored in Key Vault only.')
param webhookSecret string = ''

@minValue(1)
@maxValue(28)
@description('Day of the next month on which a period is due (China time).')
param dueDay int = 5

@description('Monthly report timer, six-field NCRONTAB in UTC: 02:00 China time on the day after the due day.')
param monthlyReportSchedule string = '0 0 18 ${dueDay} * *'

@description('Annual report timer in UTC: 02:00 China time on 10 January.')
param annualReportSchedule string = '0 0 18 9 1 *'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, app: 'village-reports' }
var appName = '${abbrs.webSitesFunctions}${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.appManagedIdentity}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    workspaceName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    insightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

// The Functions host's own account (deployment package, leases) ...
module hostStorage 'app/host-storage.bicep' = {
  name: 'host-storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}h${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

// ... kept apart from the app's data: submissions, reports and their queues.
module dataStorage 'app/data-storage.bicep' = {
  name: 'data-storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}d${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module vault 'app/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    adminToken: adminToken
    webhookSecret: webhookSecret
    storeWebhookSecret: !empty(webhookSecret)
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: appName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'functions' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    hostQueueEndpoint: hostStorage.outputs.queueEndpoint
    hostTableEndpoint: hostStorage.outputs.tableEndpoint
    deploymentContainer: hostStorage.outputs.deploymentContainer
    dataBlobEndpoint: dataStorage.outputs.blobEndpoint
    dataQueueEndpoint: dataStorage.outputs.queueEndpoint
    dataTableEndpoint: dataStorage.outputs.tableEndpoint
    reportJobsQueue: dataStorage.outputs.reportJobsQueue
    deliveryQueue: dataStorage.outputs.deliveryQueue
    reminderQueue: dataStorage.outputs.reminderQueue
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    adminTokenSecretUri: vault.outputs.adminTokenSecretUri
    webhookSecretUri: vault.outputs.webhookSecretUri
    webhookUrl: webhookUrl
    dueDay: dueDay
    monthlyReportSchedule: monthlyReportSchedule
    annualReportSchedule: annualReportSchedule
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output VILLAGEREPORTS_API_URL string = '${functionApp.outputs.url}/api'
output AZURE_DATA_STORAGE_ACCOUNT string = dataStorage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
