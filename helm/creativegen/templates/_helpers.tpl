{{- define "creativegen.name" -}}{{ .Release.Name }}-creativegen{{- end -}}

{{- define "creativegen.secretName" -}}
{{- if .Values.cluster.existingSecret -}}{{ .Values.cluster.existingSecret }}{{- else -}}{{ include "creativegen.name" . }}-db{{- end -}}
{{- end -}}

{{- define "creativegen.labels" -}}
app.kubernetes.io/name: creativegen
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Environment shared by every silo and the gateway: ADO.NET clustering and storage on PostgreSQL. */}}
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
{{- end -}}

{{- define "creativegen.scrapeAnnotations" -}}
{{- if .Values.metrics.scrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/path: /metrics
prometheus.io/port: "8081"
{{- end }}
{{- end -}}
