/* td-test-clipboard-manager.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A clipboard manager for the tests, as the freedesktop ClipboardManager
 * specification describes it, in plain Xlib: it owns CLIPBOARD_MANAGER;
 * when an application that quits asks it to SAVE_TARGETS (GTK does, in
 * GtkApplication's shutdown), it reads the clipboard's text from that
 * application, answers, and from then on owns CLIPBOARD and serves the
 * saved text to any paste, long after the application is gone.  Like
 * most real managers, it ignores x-kde-passwordManagerHint.
 *
 * Prints "ready" once it owns CLIPBOARD_MANAGER, then "saved TEXT" or
 * "saved nothing" for each request, and runs until it is killed. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>

static Display *display;
static Window window;
static Atom clipboard, manager, save_targets, targets, utf8_string, text_plain, saved_property;
static char *saved;

/* The SAVE_TARGETS request being served. */
static XSelectionRequestEvent pending;
static int have_pending;

static void
reply (const XSelectionRequestEvent *request,
       Atom                          property)
{
  XEvent event = { 0 };

  event.xselection.type = SelectionNotify;
  event.xselection.display = request->display;
  event.xselection.requestor = request->requestor;
  event.xselection.selection = request->selection;
  event.xselection.target = request->target;
  event.xselection.property = property;
  event.xselection.time = request->time;
  XSendEvent (display, request->requestor, False, NoEventMask, &event);
  XFlush (display);
}

static void
serve_clipboard (const XSelectionRequestEvent *request)
{
  Atom property = request->property != None ? request->property : request->target;

  if (saved == NULL)
    {
      reply (request, None);
      return;
    }

  if (request->target == targets)
    {
      Atom offered[] = { targets, utf8_string, XA_STRING, text_plain };

      XChangeProperty (display, request->requestor, property, XA_ATOM, 32, PropModeReplace,
                       (unsigned char *) offered, 4);
    }
  else if (request->target == utf8_string || request->target == XA_STRING ||
           request->target == text_plain)
    {
      XChangeProperty (display, request->requestor, property, request->target, 8,
                       PropModeReplace, (unsigned char *) saved, (int) strlen (saved));
    }
  else
    {
      property = None;
    }

  reply (request, property);
}

static void
saved_text_arrived (const XSelectionEvent *event)
{
  Atom type = None;
  int format = 0;
  unsigned long n_items = 0, remaining = 0;
  unsigned char *data = NULL;

  free (saved);
  saved = NULL;

  if (event->property != None &&
      XGetWindowProperty (display, window, saved_property, 0, 1 << 20, True, AnyPropertyType,
                          &type, &format, &n_items, &remaining, &data) == Success &&
      data != NULL && format == 8)
    saved = strndup ((const char *) data, n_items);
  if (data != NULL)
    XFree (data);

  printf ("saved %s\n", saved != NULL ? saved : "nothing");
  fflush (stdout);

  if (have_pending)
    {
      reply (&pending, pending.property);
      have_pending = 0;
    }

  /* The application is about to go: the saved text lives on here. */
  if (saved != NULL)
    XSetSelectionOwner (display, clipboard, window, CurrentTime);
  XFlush (display);
}

int
main (void)
{
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "cannot open the display\n");
      return 1;
    }

  window = XCreateSimpleWindow (display, DefaultRootWindow (display), 0, 0, 1, 1, 0, 0, 0);
  clipboard = XInternAtom (display, "CLIPBOARD", False);
  manager = XInternAtom (display, "CLIPBOARD_MANAGER", False);
  save_targets = XInternAtom (display, "SAVE_TARGETS", False);
  targets = XInternAtom (display, "TARGETS", False);
  utf8_string = XInternAtom (display, "UTF8_STRING", False);
  text_plain = XInternAtom (display, "text/plain;charset=utf-8", False);
  saved_property = XInternAtom (display, "TD_TEST_SAVED", False);

  XSetSelectionOwner (display, manager, window, CurrentTime);
  if (XGetSelectionOwner (display, manager) != window)
    {
      fprintf (stderr, "another clipboard manager runs\n");
      return 1;
    }
  printf ("ready\n");
  fflush (stdout);

  for (;;)
    {
      XEvent event;

      XNextEvent (display, &event);

      switch (event.type)
        {
        case SelectionRequest:
          if (event.xselectionrequest.selection == manager &&
              event.xselectionrequest.target == save_targets)
            {
              pending = event.xselectionrequest;
              have_pending = 1;
              XConvertSelection (display, clipboard, utf8_string, saved_property, window,
                                 CurrentTime);
              XFlush (display);
            }
          else if (event.xselectionrequest.selection == clipboard)
            serve_clipboard (&event.xselectionrequest);
          else
            reply (&event.xselectionrequest, None);
          break;

        case SelectionNotify:
          if (event.xselection.selection == clipboard)
            saved_text_arrived (&event.xselection);
          break;

        case SelectionClear:
          if (event.xselectionclear.selection == clipboard)
            {
              free (saved);
              saved = NULL;
            }
          break;

        default:
          break;
        }
    }
}
