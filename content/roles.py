"""The RACI role groups (DESIGN.md §3). Their names are what editors see in the admin."""

SPECIALISTS = "Chuyên môn"
OFFICE = "Văn phòng"
LEGAL = "Tư pháp"
LEADERS = "Lãnh đạo"
PORTAL_ADMINS = "Quản trị Cổng"

ROLE_GROUPS = [SPECIALISTS, OFFICE, LEGAL, LEADERS, PORTAL_ADMINS]
