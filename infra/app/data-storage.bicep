// The app's data: tables (units, tokens, submissions, periods, targets, reports, deliveries, approvals), the report blobs
// (versioned, soft-deleted, never public) and the work queues. Names match functions/Storage/StorageNames.cs.
import { roles } from 'role.bicep'

param name string
param location string
param tags object
param principalId string

var tables = ['units', 'tokens', 'submissions', 'periods', 'targets', 'reports', 'deliveries', 'approvals']
var containers = ['reports', 'county-inbox']
var queues = ['report-jobs', 'report-jobs-poison', 'deliveries', 'deliveries-poison']

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }

  resource blobs 'blobServices' = {
    name: 'default'
    properties: {
      isVersioningEnabled: true
      deleteRetentionPolicy: { enabled: true, days: 30 }
      containerDeleteRetentionPolicy: { enabled: true, days: 30 }
    }

    resource container 'containers' = [for c in containers: {
      name: c
      properties: { publicAccess: 'None' }
    }]
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource table 'tables' = [for t in tables: {
      name: t
    }]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queue 'queues' = [for q in queues: {
      name: q
    }]
  }
}

resource blobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roles.storageBlobDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roles.storageQueueDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roles.storageTableDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output reportJobsQueue string = queues[0]
output deliveryQueue string = queues[2]
