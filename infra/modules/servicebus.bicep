// Commands to the on-prem relay over Service Bus (docs/relay.md): the province opens only outbound connections.
// Standard tier: sessions (one per MCU, in order) and duplicate detection are not in Basic.
param name string
param location string
param tags object
@description('The service\'s managed identity: sends commands, receives answers.')
param principalId string
@description('The relay\'s service principal (object id; it signs in with a certificate on-prem): receives commands, sends answers. Empty: grant it later.')
param relayPrincipalId string
@description('SAS for the relay instead of a service principal, where Entra ID sign-in cannot leave the building: one Listen rule and one Send rule.')
param relayUsesSas bool
@description('Where dead-lettered commands are reported (the DIC operations mailbox); empty: no alert.')
param alertEmail string

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    minimumTlsVersion: '1.2'
    disableLocalAuth: !relayUsesSas // identities only, unless the province asked for SAS
  }
}

// One session per MCU; a copy the SDK sends again is dropped (10 min, longer than the relay's 5-minute clock skew, so a
// replayed copy is either dropped here or refused as stale there); an expired command is dead-lettered, never run.
resource commands 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: namespace
  name: 'relay-commands'
  properties: {
    requiresSession: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'PT1H'
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
  }
}

// One session per waiting cloud instance; an answer nobody took is of no use after five minutes.
resource replies 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: namespace
  name: 'relay-replies'
  properties: {
    requiresSession: true
    deadLetteringOnMessageExpiration: false
    defaultMessageTimeToLive: 'PT5M'
    lockDuration: 'PT30S'
  }
}

var sender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' // Azure Service Bus Data Sender
var receiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' // Azure Service Bus Data Receiver

resource serviceSends 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(commands.id, principalId, sender)
  scope: commands
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', sender) }
}

resource serviceReceives 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(replies.id, principalId, receiver)
  scope: replies
  properties: { principalId: principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', receiver) }
}

resource relayReceives 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(relayPrincipalId)) {
  name: guid(commands.id, relayPrincipalId, receiver)
  scope: commands
  properties: { principalId: relayPrincipalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', receiver) }
}

resource relaySends 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(relayPrincipalId)) {
  name: guid(replies.id, relayPrincipalId, sender)
  scope: replies
  properties: { principalId: relayPrincipalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', sender) }
}

// SAS split by right: a leaked Listen key cannot send a command, a leaked Send key cannot read one (and neither can sign one).
resource relayListen 'Microsoft.ServiceBus/namespaces/queues/authorizationRules@2026-01-01' = if (relayUsesSas) {
  parent: commands
  name: 'relay-listen'
  properties: { rights: [ 'Listen' ] }
}

resource relaySend 'Microsoft.ServiceBus/namespaces/queues/authorizationRules@2026-01-01' = if (relayUsesSas) {
  parent: replies
  name: 'relay-send'
  properties: { rights: [ 'Send' ] }
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${name}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'hntt-relay'
    enabled: true
    emailReceivers: [ { name: 'dic-ops', emailAddress: alertEmail, useCommonAlertSchema: true } ]
  }
}

// A dead-lettered command is one the relay never ran (expired, not genuine, malformed): the workflow has already told
// DIC and the chair room about the meeting; this tells the operators that the channel itself needs a look.
resource deadLettered 'Microsoft.Insights/metricAlerts@2026-01-01' = if (!empty(alertEmail)) {
  name: 'alert-${name}-dead-lettered'
  location: 'global'
  tags: tags
  properties: {
    description: 'Lệnh gửi bộ chuyển tiếp MCU bị đưa vào hàng thư chết (relay commands dead-lettered)'
    severity: 2
    enabled: true
    scopes: [ namespace.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricName: 'DeadletteredMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          dimensions: [ { name: 'EntityName', operator: 'Include', values: [ commands.name ] } ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [ { actionGroupId: operators.id } ]
  }
}

output namespaceHost string = '${namespace.name}.servicebus.windows.net'
