"""The RACI role groups (DESIGN.md §3). Their names are what editors see in the admin."""

SPECIALISTS = "Chuyên môn"
OFFICE = "Văn phòng"
LEGAL = "Tư pháp"
LEADERS = "Lãnh đạo"
PORTAL_ADMINS = "Quản trị Cổng"

ROLE_GROUPS = [SPECIALISTS, OFFICE, LEGAL, LEADERS, PORTAL_ADMINS]

# The city's read-only role (issue 19): sees every ward's admin lists and figures, changes
# nothing. Not a ward role: its members need no StaffProfile, and it holds view permissions
# only (content.wards.setup_city_viewers).
CITY_VIEWERS = "Thành phố – xem"
