// Key Vault with RBAC: the admin token and the webhook secret; the app reads them through Key Vault references.
import { roles } from 'role.bicep'

param name string
param location string
param tags object
param principalId string

@secure()
param adminToken string

@secure()
param webhookSecret string

@description('Whether a webhook secret is given (decided by the caller, so no output depends on a secure value).')
param storeWebhookSecret bool

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }

  resource admin 'secrets' = {
    name: 'admin-token'
    properties: { value: adminToken }
  }

  resource webhook 'secrets' = if (storeWebhookSecret) {
    name: 'webhook-secret'
    properties: { value: webhookSecret }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// Versionless URIs: the app follows a rotated secret without a redeploy.
output adminTokenSecretUri string = '${vault.properties.vaultUri}secrets/${vault::admin.name}'
output webhookSecretUri string = storeWebhookSecret ? '${vault.properties.vaultUri}secrets/webhook-secret' : ''
