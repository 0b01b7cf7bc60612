// The task hub's storage: tables (history, inboxes, instances, meetings, audit), blobs (large payloads, timer state),
// queues. No shared-key access: the service signs in with its managed identity and holds data-plane roles only.
param name string
param location string
param tags object
param principalId string

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

// Storage Table Data Contributor, Storage Blob Data Contributor, Storage Queue Data Contributor.
var roles = [
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
]

resource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(account.id, principalId, role)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

output name string = account.name
