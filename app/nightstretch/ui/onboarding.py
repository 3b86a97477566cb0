"""First run: four short pages, each one skippable, then never again.

The window only collects answers and says what it is for; the composition root stores
``onboarding_done`` on either ``finished_onboarding`` or ``skipped`` and maps the result
into the settings. Keyboard only: Enter goes on, Esc skips, Tab moves between fields.

The first page offers the language (issue 15): choosing one emits ``language_chosen`` (the
composition root saves and applies it) and the pages are worded again at once, keeping
every answer given so far.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core import onboarding_form as pages
from nightstretch.core import safety
from nightstretch.core.i18n import _
from nightstretch.core.onboarding_form import (
    MAX_WEEK,
    PAGE_COUNT,
    WHAT_IT_DOES,
    OnboardingResult,
    PregnancyChoice,
    what_it_does,
)
from nightstretch.core.settings_form import language_choices
from nightstretch.core.warning_text import bullets, warning_signs_html
from nightstretch.ui.a11y import describe_value
from nightstretch.ui.screen_fit import available, fit_to_screen, scrolling
from nightstretch.ui.theme import Colors, apply_theme, text_label

__all__ = ["MAX_WEEK", "PAGE_COUNT", "WHAT_IT_DOES", "OnboardingResult", "OnboardingWindow"]


def form_style(colors: Colors, font_scale: float = 1.0) -> str:
    """Fields in the theme's colours, with a focus ring as clear as the buttons' one.

    ``apply_theme`` styles labels, buttons and check marks only; once a style sheet is set,
    Qt draws spin boxes with light default colours that vanish on the night theme.
    """
    return f"""
        QAbstractSpinBox {{ background: {colors.surface}; color: {colors.text};
            border: 1px solid {colors.muted}; border-radius: 6px; padding: 6px 8px;
            selection-background-color: {colors.accent}; selection-color: {colors.accent_text}; }}
        QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 0px;
            border: none; }}
        QAbstractSpinBox:focus {{ border: 3px solid {colors.accent}; padding: 4px 6px; }}
        QAbstractSpinBox:disabled {{ background: {colors.background}; color: {colors.muted};
            border: 1px dashed {colors.track}; }}
        QComboBox {{ background: {colors.surface}; color: {colors.text};
            border: 1px solid {colors.muted}; border-radius: 6px; padding: 6px 8px; }}
        QComboBox:focus {{ border: 3px solid {colors.accent}; padding: 4px 6px; }}
        QComboBox QAbstractItemView {{ background: {colors.surface}; color: {colors.text};
            selection-background-color: {colors.accent}; selection-color: {colors.accent_text}; }}
        QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 6px;
            padding: 4px 6px; spacing: 10px; }}
        QCheckBox:focus, QRadioButton:focus {{ border-color: {colors.accent}; outline: none; }}
        """


class OnboardingWindow(QDialog):
    """Four pages in a stack; Skip (or Esc, or closing the window) counts as done."""

    finished_onboarding = Signal(object)
    skipped = Signal()
    language_chosen = Signal(str)
    """The code she picked ("" = the system's); the pages re-word right after it is handled."""
    test_sound_requested = Signal()
    test_voice_requested = Signal()

    def __init__(
        self,
        colors: Colors,
        font_scale: float = 1.0,
        *,
        today: date,
        bedtime: str = "22:30",
        reminders_on: bool = True,
        water_on: bool = True,
        language: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onboardingWindow")
        self.setMinimumWidth(round(640 * max(1.0, font_scale)))
        self._today = today
        self._done = False
        self._language = language

        self.stack = QStackedWidget()
        self._pages: list[QWidget] = []
        self._build_pages(bedtime, reminders_on, water_on)

        self.skip_button = QPushButton()
        self.skip_button.clicked.connect(self.reject)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton()
        self.next_button.setProperty("role", "primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)
        self.page_label = text_label("", "muted")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.page_label)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(32, 28, 32, 24)
        self._scroll = scrolling(self.stack)
        self._layout.addWidget(self._scroll, 1)
        self._layout.addSpacing(12)
        self._layout.addLayout(buttons)

        apply_theme(self, colors, font_scale)
        self.setStyleSheet(self.styleSheet() + form_style(colors, font_scale))
        self._word_frame()
        self._show_page(0)

    # -- pages -----------------------------------------------------------------------

    def _build_pages(self, bedtime: str, reminders_on: bool, water_on: bool) -> None:
        self._pages = [
            self._welcome_page(),
            self._warning_page(),
            self._evening_page(bedtime, reminders_on, water_on),
            self._pregnancy_page(),
        ]
        for page in self._pages:
            self.stack.addWidget(page)

    def _word_frame(self) -> None:
        """The title and the buttons under the pages, in the language in use."""
        self.setWindowTitle(_("Welcome — Nightstretch"))
        self.skip_button.setText(_("S&kip"))
        self.skip_button.setAccessibleName(_("Skip the introduction"))
        self.skip_button.setAccessibleDescription(
            _("Nightstretch starts with its usual settings; this will not be shown again (Esc)")
        )
        self.back_button.setText(_("&Back"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.setAccessibleDescription(_("The previous page"))

    def _page(self, heading: str) -> tuple[QWidget, QVBoxLayout, QLabel]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        title = text_label(heading, "heading")
        layout.addWidget(title)
        return page, layout, title

    def _welcome_page(self) -> QWidget:
        page, layout, self.welcome_title = self._page(_("Welcome to Nightstretch"))
        self.language_combo = QComboBox()
        for words, code in language_choices():
            self.language_combo.addItem(words, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(self._language)))
        self.language_combo.setAccessibleName(_("Language"))
        self.language_combo.activated.connect(self._language_activated)
        language_label = QLabel(_("&Language:"))
        language_label.setBuddy(self.language_combo)
        row = QHBoxLayout()
        row.addWidget(language_label)
        row.addWidget(self.language_combo)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(text_label(_("A calm companion for leg cramps in pregnancy. It:")))
        self.welcome_list = text_label(bullets(what_it_does()), rich=True)
        layout.addWidget(self.welcome_list)
        panel = QFrame()
        panel.setProperty("role", "panel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(18, 14, 18, 14)
        what_it_is_not = text_label(_("What it is not"), "caution")
        what_it_is_not.setStyleSheet("font-weight: 600;")
        inner.addWidget(what_it_is_not)
        self.disclaimer = text_label(_(safety.DISCLAIMER))
        inner.addWidget(self.disclaimer)
        layout.addWidget(panel)
        layout.addWidget(
            text_label(
                _("Four short pages. You can skip at any point and change everything later.")
            )
        )
        layout.addStretch(1)
        return page

    def _warning_page(self) -> QWidget:
        page, layout, self.warning_title = self._page(_(safety.HEADLINE))
        layout.addWidget(
            text_label(
                _("Please read these once. They are always in the tray menu too."), role="muted"
            )
        )
        self.warning_body = text_label(warning_signs_html(), rich=True)
        self.warning_body.setAccessibleName(_("Warning signs"))
        self.warning_body.setAccessibleDescription(safety.as_text())
        layout.addWidget(self.warning_body)
        layout.addStretch(1)
        return page

    def _evening_page(self, bedtime: str, reminders_on: bool, water_on: bool) -> QWidget:
        page, layout, self.evening_title = self._page(_("Your evening"))
        layout.addWidget(
            text_label(
                _(
                    "A little before bedtime, Nightstretch asks whether you would like to do the "
                    "calf routine. Water reminders stop two hours before bed, so nights stay "
                    "quieter."
                )
            )
        )
        self.bedtime_edit = QTimeEdit(QTime.fromString(bedtime, "HH:mm"))
        self.bedtime_edit.setDisplayFormat("HH:mm")
        _arrow_keys_only(self.bedtime_edit)
        self.bedtime_edit.setAccessibleName(_("Bedtime"))
        self.bedtime_edit.setAccessibleDescription(
            _("When you usually go to bed, as hours:minutes")
        )
        describe_value(self.bedtime_edit)
        bedtime_label = QLabel(_("Bed&time"))
        bedtime_label.setBuddy(self.bedtime_edit)
        row = QHBoxLayout()
        row.addWidget(bedtime_label)
        row.addWidget(self.bedtime_edit)
        row.addStretch(1)
        layout.addLayout(row)
        self.reminders_check = QCheckBox(_("&Evening reminder to stretch"))
        self.reminders_check.setChecked(reminders_on)
        self.reminders_check.setAccessibleName(_("Evening reminder to stretch"))
        self.water_check = QCheckBox(_("&Water reminders during the day"))
        self.water_check.setChecked(water_on)
        self.water_check.setAccessibleName(_("Water reminders during the day"))
        self.login_check = QCheckBox(_("&Start Nightstretch when I log in"))
        self.login_check.setAccessibleName(_("Start Nightstretch when I log in"))
        self.login_check.setAccessibleDescription(
            _("Without this, reminders stop after you log out or restart the computer")
        )
        self.login_check.setChecked(reminders_on or water_on)
        layout.addWidget(self.reminders_check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.water_check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.login_check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(text_label(_("You can change all of this later in Settings."), "muted"))
        layout.addStretch(1)
        return page

    def _pregnancy_page(self) -> QWidget:
        page, layout, self.pregnancy_title = self._page(_("Your pregnancy, and a sound check"))
        layout.addWidget(
            text_label(
                _(
                    "If you like, tell Nightstretch your due date or this week's number. It then "
                    "leaves out positions that are not advised later in pregnancy, such as lying "
                    "flat on your back from week 20. This is optional."
                )
            )
        )
        self.not_now_radio = QRadioButton(_("&Not now"))
        self.due_radio = QRadioButton(_("&Due date"))
        self.week_radio = QRadioButton(_("Current &week"))
        self.not_now_radio.setAccessibleName(_("Pregnancy details: not now"))
        self.due_radio.setAccessibleName(_("Give a due date"))
        self.week_radio.setAccessibleName(_("Give the current week"))
        self.choice = QButtonGroup(self)
        for radio in (self.not_now_radio, self.due_radio, self.week_radio):
            self.choice.addButton(radio)
        self.not_now_radio.setChecked(True)

        self.due_edit = QDateEdit(_qdate(pages.due_date_shown(self._today)))
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        _arrow_keys_only(self.due_edit)
        earliest, latest = pages.due_date_range(self._today)
        self.due_edit.setDateRange(_qdate(earliest), _qdate(latest))
        self.due_edit.setAccessibleName(_("Due date"))
        self.due_edit.setAccessibleDescription(_("Year, month and day"))
        describe_value(self.due_edit)
        self.week_spin = QSpinBox()
        self.week_spin.setRange(1, MAX_WEEK)
        self.week_spin.setValue(pages.DEFAULT_WEEK)
        _arrow_keys_only(self.week_spin)
        self.week_spin.setAccessibleName(_("Current week of pregnancy"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.not_now_radio, 0, 0)
        grid.addWidget(self.due_radio, 1, 0)
        grid.addWidget(self.due_edit, 1, 1)
        grid.addWidget(self.week_radio, 2, 0)
        grid.addWidget(self.week_spin, 2, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        self.choice.buttonToggled.connect(self._sync_pregnancy_fields)
        self._sync_pregnancy_fields()

        sound_heading = text_label(_("Sound and voice"))
        sound_heading.setStyleSheet("font-weight: 600;")
        layout.addSpacing(8)
        layout.addWidget(sound_heading)
        layout.addWidget(
            text_label(
                _("Try them now, so you know what to listen for while you face the wall."),
                "muted",
            )
        )
        self.sound_button = QPushButton(_("Play a &sound"))
        self.sound_button.setAccessibleName(_("Play a test sound"))
        self.sound_button.clicked.connect(self.test_sound_requested)
        self.voice_button = QPushButton(_("Hear the &voice"))
        self.voice_button.setAccessibleName(_("Hear a test of the spoken cues"))
        self.voice_button.clicked.connect(self.test_voice_requested)
        tests = QHBoxLayout()
        tests.addWidget(self.sound_button)
        tests.addWidget(self.voice_button)
        tests.addStretch(1)
        layout.addLayout(tests)
        self.test_status = text_label("", "muted")
        self.test_status.setAccessibleName(_("Sound test result"))
        self.test_status.hide()
        layout.addWidget(self.test_status)
        layout.addStretch(1)
        return page

    def _sync_pregnancy_fields(self) -> None:
        self.due_edit.setEnabled(self.due_radio.isChecked())
        self.week_spin.setEnabled(self.week_radio.isChecked())

    def _fit_pages(self) -> None:
        """Tall enough for the longest page at this width, so no wrapped line is cut off.

        The stack's size hint ignores height-for-width, which wrapped labels need at large
        font scales.
        """
        margins = self._layout.contentsMargins()
        width = max(self.width(), self.minimumWidth()) - margins.left() - margins.right()
        needed = max(page.heightForWidth(width) for page in self._pages)
        self.stack.setMinimumHeight(needed)
        # On a small screen the pages scroll rather than push the buttons off it.
        spare = self.sizeHint().height() - self._scroll.sizeHint().height()
        room = available(self).height() - spare - 40
        self._scroll.setMinimumHeight(max(120, min(needed, room)))

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_pages()
        self.adjustSize()  # the size the pages now need, before it is fitted to the screen
        super().showEvent(event)
        fit_to_screen(self)

    # -- navigation ------------------------------------------------------------------

    @property
    def page(self) -> int:
        return self.stack.currentIndex()

    def _show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        nav = pages.page_nav(index)
        self.page_label.setText(nav.counter)
        self.back_button.setVisible(nav.back_visible)
        self.next_button.setText(nav.next_text)
        self.next_button.setAccessibleName(nav.next_name)
        self.next_button.setAccessibleDescription(nav.next_description)
        self.next_button.setDefault(True)
        focus = {2: self.bedtime_edit, 3: self.not_now_radio}.get(index, self.next_button)
        focus.setFocus()

    def go_next(self) -> None:
        if self.page < PAGE_COUNT - 1:
            self._show_page(self.page + 1)
            return
        self._done = True
        self.finished_onboarding.emit(self.result_value())
        self.accept()

    def go_back(self) -> None:
        if self.page > 0:
            self._show_page(self.page - 1)

    def reject(self) -> None:
        """Skip, Esc and closing the window all end onboarding for good."""
        if not self._done:
            self._done = True
            self.skipped.emit()
        super().reject()

    # -- language --------------------------------------------------------------------

    def _language_activated(self, index: int) -> None:
        code = str(self.language_combo.itemData(index))
        if code == self._language:
            return
        self._language = code
        self.language_chosen.emit(code)  # applied by the time this returns (direct call)
        self.reword()

    def reword(self) -> None:
        """Build the pages again in the language in use, with every answer kept."""
        answers = self.result_value()
        due, week, choice = self.due_edit.date(), self.week_spin.value(), self._checked_choice()
        page = self.page
        status = self.test_status.text()
        for old in self._pages:
            self.stack.removeWidget(old)
            old.deleteLater()
        self._build_pages(answers.bedtime, answers.reminders_on, answers.water_on)
        self.login_check.setChecked(answers.start_at_login)
        self.due_edit.setDate(due)
        self.week_spin.setValue(week)
        radios = {"not_now": self.not_now_radio, "due": self.due_radio, "week": self.week_radio}
        radios[choice].setChecked(True)
        self.show_test_result(status)
        self._word_frame()
        self._show_page(page)
        if self.isVisible():
            self._fit_pages()
        if page == 0:
            self.language_combo.setFocus()

    # -- state -----------------------------------------------------------------------

    def result_value(self) -> OnboardingResult:
        """The answers as they stand now (``result()`` is QDialog's exit code)."""
        due = self.due_edit.date().toPython()
        assert isinstance(due, date)
        return pages.result(
            bedtime=self.bedtime_edit.time().toString("HH:mm"),
            reminders_on=self.reminders_check.isChecked(),
            water_on=self.water_check.isChecked(),
            start_at_login=self.login_check.isChecked(),
            choice=self._checked_choice(),
            due=due,
            week=self.week_spin.value(),
        )

    def _checked_choice(self) -> PregnancyChoice:
        radios: dict[PregnancyChoice, QRadioButton] = {
            "not_now": self.not_now_radio,
            "due": self.due_radio,
            "week": self.week_radio,
        }
        checked = [key for key, radio in radios.items() if radio.isChecked()]
        return checked[0] if checked else "not_now"

    def show_test_result(self, text: str) -> None:
        """Lets the composition root say, for example, that no sound output was found."""
        self.test_status.setText(text)
        self.test_status.setVisible(bool(text))


def _arrow_keys_only(box: QAbstractSpinBox) -> None:
    """Type the number or use the Up/Down keys; ``form_style`` hides the tiny arrow buttons.

    (They draw badly once styled, and ``NoButtons`` with a style sheet leaves a 1-pixel
    text field in Qt 6.11, so the buttons are given no width instead.)
    """
    box.setMinimumWidth(box.fontMetrics().horizontalAdvance("0000-00-00") + 40)
    box.setToolTip(_("Type a number, or use the Up and Down arrow keys"))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
