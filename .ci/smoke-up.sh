#!/usr/bin/env bash
# The one-machine distributed deployment as README tells an operator to start it: build.ps1 up, an application at the
# engine host reaching a clerk's queue on the counter host, build.ps1 down. $1: the folder up may use.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$1"
trap 'dotnet pwsh ./build.ps1 down "$dir" >/dev/null 2>&1 || true' EXIT
dotnet pwsh ./build.ps1 up "$dir" | tee "$dir.out" | tail -8
engine=$(awk '$1 == "engine" { print $2 }' "$dir.out")
counter=$(awk '$1 == "counter" { print $2 }' "$dir.out")
pdf=$(mktemp --suffix=.pdf); printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' > "$pdf"
form='{"serviceId":"business-opening","form":{"companyName":"福州闽江数字科技有限公司","companyType":"llc","registeredCapital":1000000,"businessScope":"软件开发","businessAddress":"福建省福州市鼓楼区五四路1号","legalRepName":"张三","legalRepId":"11010519491231002X","contactPhone":"13800138000","employeeCount":12,"openBankAccount":true}}'
curl -sf -H 'X-Demo-User: zhangsan' -F "application=$form" -F "articles=@$pdf;type=application/pdf" -F "legalRepIdCopy=@$pdf;type=application/pdf" \
  "$engine/api/applications" >/dev/null
for _ in $(seq 1 60); do
  if curl -sf -H 'X-Demo-User: samr-clerk' "$counter/api/departments/SAMR/tasks" | grep -q '"stepId":"business-licence"'; then
    echo "smoke: an application submitted at the engine host reached the SAMR queue on the counter host"
    exit 0
  fi
  sleep 1
done
echo "smoke: the application never reached the SAMR queue on the counter host" >&2
tail -20 "$dir"/*.log >&2 || true
exit 1
