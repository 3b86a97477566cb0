"""The player window: big words, a picture, a ring. It draws a PlayerView and forwards keys.

She is standing at a wall an arm's length away, so everything important is large and the
whole routine can be driven from the keyboard: Space pause, Right next, Left back, Esc stop.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nightstretch.core import safety
from nightstretch.core.i18n import N_, _
from nightstretch.core.player import PlayerState, PlayerView
from nightstretch.core.routine import FEELINGS, format_duration
from nightstretch.core.timeline import SegmentKind
from nightstretch.core.warning_text import warning_signs_html
from nightstretch.ui.a11y import ValueLabel, announce, return_presses_buttons, words_only
from nightstretch.ui.ring import CountdownRing
from nightstretch.ui.screen_fit import available, fit_to_screen, scrolling
from nightstretch.ui.theme import Colors, apply_theme

CAPTIONS = {
    SegmentKind.GET_READY: N_("Get ready"),
    SegmentKind.HOLD: N_("Hold"),
    SegmentKind.SWITCH: N_("Switch"),
    SegmentKind.REST: N_("Rest"),
}
"""The ring's caption (English, marked: ``_(caption)`` where drawn)."""


def _label(text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _value_label(role: str) -> QLabel:
    """A label a screen reader hears by what it shows ("Left leg"), not by a caption."""
    label = ValueLabel()
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _button(text: str, tip: str, role: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(words_only(text))
    button.setAccessibleDescription(tip)
    if role:
        button.setProperty("role", role)
    button.setMinimumHeight(48)
    return button


def spoken_change(
    before: tuple[int, str, bool] | None, after: tuple[int, str, bool], counter: str, title: str
) -> str:
    """What a screen reader says when the step, the side or the pause changes; else "".

    ``before``/``after``: (step index, side text, paused). She faces the wall, not the screen.
    """
    step, side, paused = after
    if before is None or before[0] != step:
        heading = _("{counter}: {title}").format(counter=counter, title=title)
        return ". ".join(t for t in (heading, side) if t)
    if before[2] != paused:
        return _("Paused") if paused else _("Going on")
    if before[1] != side and side:
        return side
    return ""


class PlayerWindow(QWidget):
    pause_toggled = Signal()
    next_requested = Signal()
    previous_requested = Signal()
    stop_requested = Signal()
    stop_cancelled = Signal()
    stop_confirmed = Signal()
    feeling_chosen = Signal(str)
    log_cramp_requested = Signal()
    """At the end of Cramp rescue: "Log this cramp…" (the form opens with its time)."""
    closed = Signal()

    def __init__(self, title: str, colors: Colors, font_scale: float = 1.0) -> None:
        super().__init__()
        self.setWindowTitle(_("{routine} — Nightstretch").format(routine=title))
        self.setObjectName("playerWindow")
        self._colors = colors
        self._scale = font_scale
        self._picture_path = ""
        self._confirming = False
        self._finished = False
        self._heard: tuple[int, str, bool] | None = None

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_player_page(title))
        self.stack.addWidget(scrolling(self._build_done_page()))  # the signs may need room
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.addWidget(self.stack)
        self._build_shortcuts()
        self.set_colors(colors, font_scale)
        return_presses_buttons(self)

    # -- construction ----------------------------------------------------------------

    def _build_player_page(self, title: str) -> QWidget:
        page = QWidget()
        top = QHBoxLayout()
        self.routine_label = _label(title, "muted")
        self.step_counter = _label("", "muted")
        self.total_left = _label("", "muted")
        top.addWidget(self.routine_label)
        top.addStretch(1)
        top.addWidget(self.step_counter)
        top.addSpacing(24)
        top.addWidget(self.total_left)

        self.picture = QSvgWidget()
        self.picture.setMinimumSize(QSize(160, 120))
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.picture.setAccessibleName(_("Illustration of the exercise"))
        self.ring = CountdownRing(self._colors, scale=self._scale)
        # The ring grows with the text, but leaves room for the words on a short screen.
        side = min(round(200 * self._scale), round(available(self).height() * 0.3))
        self.ring.setMinimumSize(QSize(side, side))
        # Explicit, so changing words never resizes the window under her.
        self.setMinimumSize(QSize(600, 440).boundedTo(available(self).size()))
        self.side_label = _value_label("side")
        self.side_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right = QVBoxLayout()
        right.addWidget(self.ring, 1)
        right.addWidget(self.side_label)
        middle = QHBoxLayout()
        middle.addWidget(self.picture, 3)
        middle.addLayout(right, 2)

        self.title_label = _label("", "title", wrap=True)
        self.instructions = _label("", "body", wrap=True)
        self.caution = _label("", "caution", wrap=True)
        self.up_next = _label("", "muted", wrap=True)
        self.notice = _value_label("muted")
        self.notice.hide()
        # Long instructions at a large text size scroll; they are never cut off.
        text = QWidget()
        words = QVBoxLayout(text)
        words.setContentsMargins(0, 0, 0, 0)
        for label in (self.title_label, self.instructions, self.caution, self.up_next):
            words.addWidget(label)
        words.addWidget(self.notice)
        words.addStretch(1)
        self.text_area = scrolling(text)

        self.back_button = _button(_("◀  Back"), _("Back to the start of this step (Left arrow)"))
        self.back_button.setAccessibleDescription(
            _("Previous step: back to its start (Left arrow)")
        )
        self.pause_button = _button(_("Pause"), _("Pause or resume (Space)"), "primary")
        self.next_button = _button(_("Next  ▶"), _("Skip to the next step (Right arrow)"))
        self.back_button.setAccessibleName(_("Back"))  # the words without the arrow
        self.next_button.setAccessibleName(_("Next"))
        self.stop_button = _button(_("Stop"), _("Stop the routine (Esc)"))
        self.back_button.clicked.connect(self.previous_requested)
        self.pause_button.clicked.connect(self.pause_toggled)
        self.next_button.clicked.connect(self.next_requested)
        self.stop_button.clicked.connect(self._ask_stop)
        controls = QHBoxLayout()
        for button in (self.back_button, self.pause_button, self.next_button):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.stop_button)

        self.confirm_panel = QFrame()
        self.confirm_panel.setProperty("role", "panel")
        confirm = QHBoxLayout(self.confirm_panel)
        confirm.addWidget(
            _label(_("Stop the routine here? What you did so far is saved."), "body", wrap=True),
            1,
        )
        self.keep_going_button = _button(_("Keep going"), _("Carry on with the routine (Esc)"))
        self.confirm_stop_button = _button(_("Stop"), _("Stop now (Enter)"), "primary")
        self.keep_going_button.clicked.connect(self._cancel_stop)
        self.confirm_stop_button.clicked.connect(self._confirm_stop)
        confirm.addWidget(self.keep_going_button)
        confirm.addWidget(self.confirm_stop_button)
        self.confirm_panel.hide()

        layout = QVBoxLayout(page)
        layout.addLayout(top)
        # Equal shares: on a short screen the words matter more than a larger picture.
        layout.addLayout(middle, 1)
        layout.addWidget(self.text_area, 1)
        layout.addSpacing(8)
        layout.addLayout(controls)
        layout.addWidget(self.confirm_panel)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.done_title = _label(_("Well done."), "title", wrap=True)
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_question = _label(_("How do your legs feel?"), "heading", wrap=True)
        self.done_question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_question)
        layout.addSpacing(16)
        grid = QGridLayout()
        self.feeling_buttons: dict[str, QPushButton] = {}
        for number, (key, english) in enumerate(FEELINGS, start=1):
            words = _(english)
            tip = _("Answer: {feeling} (key {number})").format(feeling=words, number=number)
            button = _button(f"{number}  {words}", tip)
            button.setAccessibleName(words)
            button.clicked.connect(lambda _=False, k=key: self.feeling_chosen.emit(k))
            grid.addWidget(button, (number - 1) // 2, (number - 1) % 2)
            self.feeling_buttons[key] = button
        layout.addLayout(grid)
        layout.addSpacing(12)
        self.warning_panel = self._build_warning_panel()
        layout.addWidget(self.warning_panel)
        self.done_status = _label("", "muted", wrap=True)
        self.done_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.done_status)
        layout.addSpacing(16)
        self.close_button = _button(_("Close"), _("Close this window (Enter)"), "primary")
        self.close_button.clicked.connect(self.close)
        self.log_cramp_button = _button(
            _("Log this cramp\u2026"), _("Log the cramp this rescue was for, its time filled in")
        )
        self.log_cramp_button.clicked.connect(self.log_cramp_requested)
        self.log_cramp_button.hide()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.log_cramp_button)
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _build_warning_panel(self) -> QFrame:
        """The warning signs, under the question: read after answering, never over it."""
        panel = QFrame()
        panel.setProperty("role", "panel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(18, 12, 18, 12)
        heading = _label(_(safety.HEADLINE), "heading", wrap=True)
        signs = _label(warning_signs_html(), wrap=True)
        signs.setTextFormat(Qt.TextFormat.RichText)
        signs.setAccessibleName(_(safety.HEADLINE))
        signs.setAccessibleDescription(safety.as_text())
        column.addWidget(heading)
        column.addWidget(signs)
        panel.hide()
        return panel

    def show_warning_signs(self) -> None:
        """At the end of Cramp rescue: below "How do your legs feel?", the answers keep focus."""
        self.warning_panel.show()

    def offer_cramp_log(self) -> None:
        """At the end of Cramp rescue, next to Close; the answers keep the keyboard."""
        self.log_cramp_button.show()

    def _build_shortcuts(self) -> None:
        bindings = {
            Qt.Key.Key_Space: self._on_space,
            Qt.Key.Key_Right: self._on_right,
            Qt.Key.Key_Left: self._on_left,
            Qt.Key.Key_Escape: self._on_escape,
            Qt.Key.Key_Return: self._on_enter,
            Qt.Key.Key_Enter: self._on_enter,
        }
        for number, (answer, _words) in enumerate(FEELINGS, start=1):
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.activated.connect(lambda k=answer: self._on_feeling_key(k))
        for key, slot in bindings.items():
            QShortcut(QKeySequence(key), self).activated.connect(slot)

    # -- keyboard --------------------------------------------------------------------

    def _on_space(self) -> None:
        if not self._finished and not self._confirming:
            self.pause_toggled.emit()

    def _on_right(self) -> None:
        if not self._finished and not self._confirming:
            self.next_requested.emit()

    def _on_left(self) -> None:
        if not self._finished and not self._confirming:
            self.previous_requested.emit()

    def _on_escape(self) -> None:
        if self._finished:
            self.close()
        elif self._confirming:
            self._cancel_stop()
        else:
            self._ask_stop()

    def _on_enter(self) -> None:
        focused = self.focusWidget()
        if isinstance(focused, QPushButton) and focused.isVisible():
            focused.click()  # Return presses the button she is on
        elif self._confirming:
            self._confirm_stop()
        elif self._finished:
            self.close()

    def _on_feeling_key(self, key: str) -> None:
        if self._finished:
            self.feeling_chosen.emit(key)

    def _ask_stop(self) -> None:
        self._confirming = True
        self.confirm_panel.show()
        self.confirm_stop_button.setFocus()
        self.stop_requested.emit()

    def _cancel_stop(self) -> None:
        self._confirming = False
        self.confirm_panel.hide()
        self.stop_cancelled.emit()

    def _confirm_stop(self) -> None:
        self._confirming = False
        self.confirm_panel.hide()
        self.stop_confirmed.emit()

    # -- rendering -------------------------------------------------------------------

    def set_colors(self, colors: Colors, font_scale: float = 1.0) -> None:
        self._colors = colors
        self._scale = font_scale
        apply_theme(self, colors, font_scale)
        self.ring.set_colors(colors, font_scale)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        scale = max(1.0, self._scale)
        fit_to_screen(self, QSize(round(1000 * scale), round(720 * scale)))

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
        announce(self.notice, text)
        if self._finished:
            self.done_status.setText(text)

    def show_view(self, view: PlayerView, feeling: str | None = None) -> None:
        if view.state is PlayerState.FINISHED:
            self._render_done(view, feeling)
            return
        step = view.step
        segment = view.segment
        self.step_counter.setText(
            _("Step {number} of {count}").format(number=view.step_index + 1, count=view.step_count)
        )
        left = format_duration(round(view.total_remaining_s))
        self.total_left.setText(_("{duration} left").format(duration=left))
        self.title_label.setText(step.title)
        self.instructions.setText(step.instructions)
        self.caution.setText(step.caution or "")
        self.caution.setVisible(bool(step.caution))
        if str(step.picture) != self._picture_path:
            self._picture_path = str(step.picture)
            self.picture.load(self._picture_path)
            self.picture.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        caption = _(CAPTIONS[segment.kind])
        if view.state is PlayerState.PAUSED:
            caption = _("Paused")
        self.ring.set_state(view.fraction_left, view.seconds_shown, caption)
        if segment.side is not None:
            side = segment.side.label
            switching = segment.kind is SegmentKind.SWITCH
            self.side_label.setText(_("Next: {side}").format(side=side) if switching else side)
        else:
            self.side_label.setText("")
        self.up_next.setText(
            _("Then: {step}").format(step=view.next_step.title)
            if view.next_step
            else _("Last step")
        )
        paused = view.state is PlayerState.PAUSED
        self.pause_button.setText(_("Resume") if paused else _("Pause"))
        self.pause_button.setAccessibleName(_("Resume") if paused else _("Pause"))
        heard = (view.step_index, self.side_label.text(), paused)
        announce(self, spoken_change(self._heard, heard, self.step_counter.text(), step.title))
        self._heard = heard

    def _render_done(self, view: PlayerView, feeling: str | None) -> None:
        if not self._finished:
            self._finished = True
            self.confirm_panel.hide()
            self.stack.setCurrentIndex(1)
            self.feeling_buttons[FEELINGS[0][0]].setFocus()
        if view.steps_done < view.step_count:
            self.done_title.setText(
                _("You did {done} of {count} steps.").format(
                    done=view.steps_done, count=view.step_count
                )
            )
        if feeling is not None:
            words = _(dict(FEELINGS)[feeling])
            self.done_status.setText(
                _("Saved: {feeling}. Sleep well.").format(feeling=words.lower())
            )
            for key, button in self.feeling_buttons.items():
                button.setProperty("role", "primary" if key == feeling else None)
                button.style().unpolish(button)
                button.style().polish(button)
            self.close_button.setFocus()

    # -- window ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
