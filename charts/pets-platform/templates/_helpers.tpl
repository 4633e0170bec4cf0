{{/* vim: set filetype=mustache: */}}
{{/*
Every helper of the chart lives here. Helpers that need both the root context and a
component take a dict: (dict "context" $ "component" "api").
*/}}

{{/* ------------------------------------------------------------------ names */}}

{{- define "pets-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Release-scoped base name. Truncated to 46 characters, not 63, so that the longest derived
name, "<fullname>-mongodb-headless" (17 more), still fits a DNS-1035 label; the StatefulSet's
pod host name "<fullname>-mongodb-0" must fit one too.
*/}}
{{- define "pets-platform.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 46 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 46 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 46 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "pets-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of one component's objects: (dict "context" $ "component" "api") -> <fullname>-api */}}
{{- define "pets-platform.componentName" -}}
{{- printf "%s-%s" (include "pets-platform.fullname" .context) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pets-platform.api.fullname" -}}
{{- include "pets-platform.componentName" (dict "context" . "component" "api") -}}
{{- end -}}

{{- define "pets-platform.worker.fullname" -}}
{{- include "pets-platform.componentName" (dict "context" . "component" "worker") -}}
{{- end -}}

{{- define "pets-platform.worker.metricsServiceName" -}}
{{- include "pets-platform.componentName" (dict "context" . "component" "worker-metrics") -}}
{{- end -}}

{{- define "pets-platform.upstream.fullname" -}}
{{- include "pets-platform.componentName" (dict "context" . "component" "upstream") -}}
{{- end -}}

{{- define "pets-platform.mongodb.fullname" -}}
{{- include "pets-platform.componentName" (dict "context" . "component" "mongodb") -}}
{{- end -}}

{{- define "pets-platform.mongodb.headlessServiceName" -}}
{{- include "pets-platform.componentName" (dict "context" . "component" "mongodb-headless") -}}
{{- end -}}

{{- define "pets-platform.bench.fullname" -}}
{{- include "pets-platform.componentName" (dict "context" . "component" "bench") -}}
{{- end -}}

{{- define "pets-platform.logs.fullname" -}}
{{- include "pets-platform.componentName" (dict "context" . "component" "logs") -}}
{{- end -}}

{{/* Cluster-scoped objects (ClusterRole, ClusterRoleBinding) are shared by every namespace. */}}
{{- define "pets-platform.logs.clusterName" -}}
{{- printf "%s-%s-logs" .Release.Namespace (include "pets-platform.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* ----------------------------------------------------------------- labels */}}

{{/* Standard labels: (dict "context" $ "component" "api") */}}
{{- define "pets-platform.labels" -}}
{{- $ctx := .context -}}
helm.sh/chart: {{ include "pets-platform.chart" $ctx }}
{{ include "pets-platform.selectorLabels" . }}
app.kubernetes.io/version: {{ $ctx.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: {{ include "pets-platform.name" $ctx }}
app.kubernetes.io/managed-by: {{ $ctx.Release.Service }}
{{- with $ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels: immutable on Deployments and StatefulSets, so never add to them. */}}
{{- define "pets-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pets-platform.name" .context }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
metadata.annotations of any object: commonAnnotations merged with the object's own.
(dict "context" $ "annotations" {...}). Emits nothing, not even a blank line, when there are
none; the output is already indented for a top-level object's metadata.
*/}}
{{- define "pets-platform.annotations" -}}
{{- $all := merge (deepCopy (default dict .annotations)) (deepCopy (default dict .context.Values.commonAnnotations)) -}}
{{- with $all }}
  annotations:
    {{- toYaml . | nindent 4 }}
{{- end }}
{{- end -}}

{{/* ----------------------------------------------------------------- images */}}

{{/* (dict "image" .Values.api.image "context" $): registry/repository:tag or @digest; global.imageRegistry wins. */}}
{{- define "pets-platform.image" -}}
{{- $registry := coalesce .context.Values.global.imageRegistry .image.registry -}}
{{- $tag := toString (default .context.Chart.AppVersion .image.tag) -}}
{{- $ref := .image.repository -}}
{{- if $registry -}}
{{- $ref = printf "%s/%s" $registry $ref -}}
{{- end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $ref .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref $tag -}}
{{- end -}}
{{- end -}}

{{/*
imagePullSecrets of a pod spec from global.imagePullSecrets (names or {name: ...} objects).
(dict "context" $ "indent" 6); emits nothing, not even a blank line, without secrets.
*/}}
{{- define "pets-platform.imagePullSecrets" -}}
{{- $secrets := list -}}
{{- range .context.Values.global.imagePullSecrets -}}
{{- $secrets = append $secrets (ternary (dict "name" .) . (kindIs "string" .)) -}}
{{- end -}}
{{- with $secrets }}
{{ dict "imagePullSecrets" . | toYaml | indent $.indent }}
{{- end }}
{{- end -}}

{{/* ------------------------------------------------------- service accounts */}}

{{- define "pets-platform.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "pets-platform.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "pets-platform.logs.serviceAccountName" -}}
{{- default (include "pets-platform.logs.fullname" .) .Values.logs.serviceAccount.name -}}
{{- end -}}

{{/* --------------------------------------------------------- capabilities */}}

{{/*
Kubernetes version the chart renders for: the server's on install/upgrade, --kube-version
for `helm template`.
*/}}
{{- define "pets-platform.capabilities.kubeVersion" -}}
{{- .Capabilities.KubeVersion.Version -}}
{{- end -}}

{{/*
API versions are picked from what the cluster serves (.Capabilities.APIVersions) and from
the server version, because `helm template` fills APIVersions from Helm's own built-in list
(Kubernetes 1.21's, for Helm 3.6), whatever --kube-version says. So:
- the newer API is used when the cluster lists it AND the version says it is GA there,
- and always once the older API has been removed from Kubernetes.
*/}}
{{- define "pets-platform.capabilities.pdb.apiVersion" -}}
{{- $kube := include "pets-platform.capabilities.kubeVersion" . -}}
{{- $listed := or (.Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget") (.Capabilities.APIVersions.Has "policy/v1") -}}
{{- if or (and $listed (semverCompare ">=1.21-0" $kube)) (semverCompare ">=1.25-0" $kube) -}}
policy/v1
{{- else -}}
policy/v1beta1
{{- end -}}
{{- end -}}

{{- define "pets-platform.capabilities.hpa.apiVersion" -}}
{{- $kube := include "pets-platform.capabilities.kubeVersion" . -}}
{{- $listed := or (.Capabilities.APIVersions.Has "autoscaling/v2/HorizontalPodAutoscaler") (.Capabilities.APIVersions.Has "autoscaling/v2") -}}
{{- if or (and $listed (semverCompare ">=1.23-0" $kube)) (semverCompare ">=1.26-0" $kube) -}}
autoscaling/v2
{{- else -}}
autoscaling/v2beta2
{{- end -}}
{{- end -}}

{{/* Ingress: networking.k8s.io/v1 exists from 1.19, below the chart's kubeVersion floor. */}}
{{- define "pets-platform.capabilities.ingress.apiVersion" -}}
networking.k8s.io/v1
{{- end -}}

{{/* ------------------------------------------------------------ datastore */}}

{{- define "pets-platform.mongodb.enabled" -}}
{{- if eq .Values.datastore.type "mongodb" -}}true{{- end -}}
{{- end -}}

{{/* Secret holding the MongoDB root password and replica-set key. */}}
{{- define "pets-platform.mongodb.secretName" -}}
{{- default (include "pets-platform.mongodb.fullname" .) .Values.mongodb.auth.existingSecret -}}
{{- end -}}

{{/* Stable DNS name of the single replica-set member; also its host in the replica-set config. */}}
{{- define "pets-platform.mongodb.memberHost" -}}
{{- printf "%s-0.%s.%s.svc.%s" (include "pets-platform.mongodb.fullname" .) (include "pets-platform.mongodb.headlessServiceName" .) .Release.Namespace .Values.clusterDomain -}}
{{- end -}}

{{/* The chart's own Secret (API tokens and/or the datastore URL). */}}
{{- define "pets-platform.secretName" -}}
{{- include "pets-platform.fullname" . -}}
{{- end -}}

{{/* "true" when the chart's Secret carries the API tokens. */}}
{{- define "pets-platform.apiTokens.inChartSecret" -}}
{{- if not .Values.secrets.existingSecret -}}true{{- end -}}
{{- end -}}

{{- define "pets-platform.apiTokens.secretName" -}}
{{- default (include "pets-platform.secretName" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "pets-platform.apiTokens.secretKey" -}}
{{- ternary .Values.secrets.apiTokensKey "api-tokens" (not (empty .Values.secrets.existingSecret)) -}}
{{- end -}}

{{/*
Where DATASTORE_URL comes from, most specific first:
  external: datastore.external.existingSecret > datastore.external.url (chart Secret) > secrets.existingSecret
  mongodb:  the chart Secret (the chart knows the generated password), unless
            mongodb.auth.existingSecret is set: then secrets.existingSecret must carry the URL.
"inChart" | "external" | "existing"
*/}}
{{- define "pets-platform.datastoreUrl.source" -}}
{{- if eq .Values.datastore.type "external" -}}
{{- if .Values.datastore.external.existingSecret -}}external
{{- else if .Values.datastore.external.url -}}inChart
{{- else -}}existing
{{- end -}}
{{- else if .Values.mongodb.auth.existingSecret -}}existing
{{- else -}}inChart
{{- end -}}
{{- end -}}

{{- define "pets-platform.datastoreUrl.secretName" -}}
{{- $source := include "pets-platform.datastoreUrl.source" . -}}
{{- if eq $source "external" -}}{{ .Values.datastore.external.existingSecret }}
{{- else if eq $source "existing" -}}{{ .Values.secrets.existingSecret }}
{{- else -}}{{ include "pets-platform.secretName" . }}
{{- end -}}
{{- end -}}

{{- define "pets-platform.datastoreUrl.secretKey" -}}
{{- $source := include "pets-platform.datastoreUrl.source" . -}}
{{- if eq $source "external" -}}{{ .Values.datastore.external.existingSecretKey }}
{{- else if eq $source "existing" -}}{{ .Values.secrets.datastoreUrlKey }}
{{- else -}}datastore-url
{{- end -}}
{{- end -}}

{{/* --------------------------------------------------------------- upstream */}}

{{- define "pets-platform.upstream.url" -}}
{{- if .Values.upstream.enabled -}}
{{- printf "http://%s:%d/" (include "pets-platform.upstream.fullname" .) (int .Values.upstream.service.port) -}}
{{- else -}}
{{- .Values.upstream.url -}}
{{- end -}}
{{- end -}}

{{- define "pets-platform.api.baseUrl" -}}
{{- printf "http://%s:%d" (include "pets-platform.api.fullname" .) (int .Values.api.service.port) -}}
{{- end -}}

{{/* ------------------------------------------------------------ pod helpers */}}

{{/*
Affinity: an explicit `affinity` wins; otherwise a Bitnami-style preset.
(dict "context" $ "component" "api" "preset" "soft" "affinity" {...})
*/}}
{{- define "pets-platform.affinity" -}}
{{- if .affinity -}}
{{- tpl (toYaml .affinity) .context -}}
{{- else if eq .preset "soft" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 1
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "pets-platform.selectorLabels" . | nindent 12 }}
{{- else if eq .preset "hard" -}}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - topologyKey: kubernetes.io/hostname
      labelSelector:
        matchLabels:
          {{- include "pets-platform.selectorLabels" . | nindent 10 }}
{{- end -}}
{{- end -}}

{{/*
topologySpreadConstraints with the component's selector filled in where left out.
(dict "context" $ "component" "api" "constraints" [...])
*/}}
{{- define "pets-platform.topologySpreadConstraints" -}}
{{- $out := list -}}
{{- range .constraints -}}
{{- $c := deepCopy . -}}
{{- if not (hasKey $c "labelSelector") -}}
{{- $_ := set $c "labelSelector" (dict "matchLabels" (include "pets-platform.selectorLabels" $ | fromYaml)) -}}
{{- end -}}
{{- $out = append $out $c -}}
{{- end -}}
{{- with $out -}}
{{- toYaml . -}}
{{- end -}}
{{- end -}}

{{/* A probe from values: everything but "enabled". (dict "probe" .Values.api.livenessProbe) */}}
{{- define "pets-platform.probeTiming" -}}
{{- toYaml (omit .probe "enabled") -}}
{{- end -}}

{{/* Environment shared by the API, the worker and the helm test: pod identity and secrets. */}}
{{- define "pets-platform.env.podIdentity" -}}
# Lets every log line be joined with the pod that wrote it.
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- end -}}

{{- define "pets-platform.env.datastoreUrl" -}}
- name: DATASTORE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "pets-platform.datastoreUrl.secretName" . }}
      key: {{ include "pets-platform.datastoreUrl.secretKey" . }}
{{- end -}}

{{- define "pets-platform.env.apiTokens" -}}
- name: API_TOKENS
  valueFrom:
    secretKeyRef:
      name: {{ include "pets-platform.apiTokens.secretName" . }}
      key: {{ include "pets-platform.apiTokens.secretKey" . }}
{{- end -}}

{{/* Mount path of the optional settings file (CONFIG_FILE). */}}
{{- define "pets-platform.settingsFilePath" -}}
/etc/pets-platform/settings.yaml
{{- end -}}

{{/* -------------------------------------------------------- network policy */}}

{{/* DNS to any destination: cluster DNS is not always a pod (node-local caches). */}}
{{- define "pets-platform.networkPolicy.dnsEgress" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}
{{- define "pets-platform.networkPolicy.datastoreEgress" -}}
{{- if include "pets-platform.mongodb.enabled" . }}
- to:
    - podSelector:
        matchLabels:
          {{- include "pets-platform.selectorLabels" (dict "context" . "component" "mongodb") | nindent 10 }}
  ports:
    - port: {{ .Values.mongodb.port }}
      protocol: TCP
{{- else }}
# An external datastore: its address is unknown to the chart, its ports are not.
- ports:
    {{- range .Values.datastore.external.ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
{{- end }}
{{- end }}

{{/* ------------------------------------------------------------ validation */}}

{{/*
Combinations the JSON schema cannot express. Each message names the values to change.
*/}}
{{- define "pets-platform.validateValues" -}}
{{- $errors := list -}}
{{- if and (eq .Values.datastore.type "external") (not (or .Values.datastore.external.url .Values.datastore.external.existingSecret .Values.secrets.existingSecret)) -}}
{{- $errors = append $errors "datastore.type=external needs datastore.external.url, datastore.external.existingSecret, or secrets.existingSecret (key secrets.datastoreUrlKey)" -}}
{{- end -}}
{{- if and (eq .Values.datastore.type "external") .Values.datastore.external.url .Values.datastore.external.existingSecret -}}
{{- $errors = append $errors "datastore.external.url and datastore.external.existingSecret are exclusive: set one" -}}
{{- end -}}
{{- if and (eq .Values.datastore.type "mongodb") .Values.mongodb.auth.existingSecret (not .Values.secrets.existingSecret) -}}
{{- $errors = append $errors "mongodb.auth.existingSecret: the chart cannot read that password to build DATASTORE_URL, so also set secrets.existingSecret with the matching URL under secrets.datastoreUrlKey" -}}
{{- end -}}
{{- if and (eq .Values.datastore.type "mongodb") .Values.datastore.external.url -}}
{{- $errors = append $errors "datastore.external.url is set but datastore.type is mongodb: set datastore.type=external to use it" -}}
{{- end -}}
{{- if and (not .Values.upstream.enabled) (not .Values.upstream.url) -}}
{{- $errors = append $errors "upstream.enabled=false needs upstream.url (UPSTREAM_URL of the API)" -}}
{{- end -}}
{{- if and .Values.bench.enabled (not (.Files.Get (printf "files/k6/%s" .Values.bench.script))) -}}
{{- $errors = append $errors (printf "bench.enabled: files/k6/%s is not in the chart; run charts/pets-platform/scripts/sync-files.sh" .Values.bench.script) -}}
{{- end -}}
{{- if and .Values.api.autoscaling.enabled (lt (int .Values.api.autoscaling.maxReplicas) (int .Values.api.autoscaling.minReplicas)) -}}
{{- $errors = append $errors "api.autoscaling.maxReplicas must be >= api.autoscaling.minReplicas" -}}
{{- end -}}
{{- if and .Values.api.autoscaling.enabled (not (or .Values.api.autoscaling.targetCPU .Values.api.autoscaling.targetMemory)) -}}
{{- $errors = append $errors "api.autoscaling.enabled needs api.autoscaling.targetCPU or api.autoscaling.targetMemory" -}}
{{- end -}}
{{- with $errors -}}
{{- printf "\nVALUES VALIDATION:\n- %s" (join "\n- " .) | fail -}}
{{- end -}}
{{- end -}}
