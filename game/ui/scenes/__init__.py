"""The screens: one module per screen, each opened by name with `app.open(name, ...)`
(registry.py), so no screen imports another. Beside them: the Scene base classes (base.py,
page.py), names shown on several screens (labels.py), and the flows that lead from screen to
screen (group_flow.py, teacher_access.py, resume.py)."""
