{{/* The release's base name, cut so that the longest suffix (-silo-gpu-netpol, 16 characters) stays within 63. */}}
{{- define "creativegen.name" -}}{{ printf "%s-creativegen" .Release.Name | trunc 47 | trimSuffix "-" }}{{- end -}}

{{- define "creativegen.secretName" -}}
{{- if .Values.cluster.existingSecret -}}{{ .Values.cluster.existingSecret }}{{- else -}}{{ include "creativegen.name" . }}-db{{- end -}}
{{- end -}}

{{- define "creativegen.sharedClaim" -}}
{{- .Values.sharedStorage.existingClaim | default (printf "%s-shared" (include "creativegen.name" .)) -}}
{{- end -}}

{{- define "creativegen.labels" -}}
app.kubernetes.io/name: creativegen
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selectors stay as the first chart version had them (a Deployment's selector cannot change on upgrade). */}}
{{- define "creativegen.selector" -}}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* Pod-level security: a non-root user, the runtime's default seccomp profile. */}}
{{- define "creativegen.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: {{ .Values.securityContext.runAsUser }}
  runAsGroup: {{ .Values.securityContext.runAsGroup }}
  fsGroup: {{ .Values.securityContext.fsGroup }}
  seccompProfile: { type: RuntimeDefault }
{{- end -}}

{{- define "creativegen.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities: { drop: ["ALL"] }
{{- end -}}

{{/* Environment shared by every silo and the gateway: ADO.NET clustering and storage on PostgreSQL, optional TLS. */}}
{{- define "creativegen.clusterEnv" -}}
- name: CreativeGen__Clustering
  value: AdoNet
- name: CreativeGen__Storage
  value: AdoNet
- name: CreativeGen__ClusterId
  value: {{ .Values.cluster.clusterId | quote }}
- name: CreativeGen__ServiceId
  value: {{ .Values.cluster.serviceId | quote }}
- name: CreativeGen__Models__Replicas
  value: {{ .Values.cluster.modelReplicas | quote }}
- name: CreativeGen__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ include "creativegen.secretName" . }}
      key: connectionString
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: CreativeGen__AdvertisedAddress
  value: "$(POD_IP)"
- name: CreativeGen__StateDirectory
  value: /tmp/creativegen-state
{{- if .Values.cluster.tls.enabled }}
- name: CreativeGen__Tls__Enabled
  value: "true"
- name: CreativeGen__Tls__CertificatePath
  value: /etc/creativegen/tls/cluster.pfx
- name: CreativeGen__Tls__CertificatePassword
  valueFrom:
    secretKeyRef:
      name: {{ required "cluster.tls.secretName is required when cluster.tls.enabled" .Values.cluster.tls.secretName }}
      key: password
{{- end }}
{{- end -}}

{{/* Volumes every pod mounts: a writable /tmp (the root file system is read-only) and the TLS Secret. */}}
{{- define "creativegen.volumes" -}}
- name: tmp
  emptyDir: {}
{{- if .Values.cluster.tls.enabled }}
- name: tls
  secret:
    secretName: {{ .Values.cluster.tls.secretName }}
    defaultMode: 0440
{{- end }}
{{- end -}}

{{- define "creativegen.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.cluster.tls.enabled }}
- name: tls
  mountPath: /etc/creativegen/tls
  readOnly: true
{{- end }}
{{- end -}}

{{- define "creativegen.scrapeAnnotations" -}}
{{- if .Values.metrics.scrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/path: /metrics
prometheus.io/port: "8081"
{{- end }}
{{- end -}}
