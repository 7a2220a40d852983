/** Vietnamese names of a dossier's states, as the citizen reads them at the kiosk. */
export const STATUS_VI: Record<string, string> = {
  queued: 'Đã tiếp nhận tại ki-ốt, đang chờ chuyển lên hệ thống một cửa',
  received: 'Hệ thống một cửa đã tiếp nhận',
  processing: 'Đang giải quyết',
  additional_info_required: 'Cần bổ sung hồ sơ — mời quý vị liên hệ quầy',
  done: 'Đã có kết quả — mời quý vị đến nhận',
  returned: 'Đã trả kết quả',
  rejected: 'Hồ sơ bị từ chối — mời quý vị liên hệ quầy',
  failed: 'Chưa chuyển được lên hệ thống một cửa — nhân viên đã được báo',
};
