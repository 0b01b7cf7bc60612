// Secrets the service reads through its identity: the SMTP password, the pages' client secret, the relay signing key.
param name string
param location string
param tags object
param principalId string

@secure()
@description('Secrets as { name: value }; empty values are not stored.')
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

resource stored 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [for secret in items(secrets): if (!empty(secret.value)) {
  parent: vault
  name: secret.key
  properties: { value: secret.value }
}]

// Key Vault Secrets User: read secrets, nothing else.
resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
  }
}

output uri string = vault.properties.vaultUri
