package api

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/models"
)

const pngType = "image/png"

// sealUpload is the multipart body of a seal upload.
type sealUpload struct {
	File []byte `json:"file" format:"binary" required:"true" doc:"the seal as PNG on a transparent ground, 120–2048 pixels a side, at most 2 MB"`
}

// sealQuery chooses the seal's form.
type sealQuery struct {
	Format string `query:"format" doc:"json (default: what is stored) or png (the image)"`
}

func (s *Server) putSeal(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	_, data, err := s.readUpload(c, "请选择印章图片（字段名 file）")
	if err != nil {
		return err
	}
	info, err := s.svc.Seals.Put(c.Request().Context(), actorOf(c), id, data)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, info)
}

func (s *Server) getSeal(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	asPNG := false
	switch c.QueryParam("format") {
	case "", "json":
	case "png":
		asPNG = true
	default:
		return badRequest("format", models.M("格式须为 json 或 png", "format must be json or png"))
	}
	info, data, err := s.svc.Seals.Get(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	if !asPNG {
		return c.JSON(http.StatusOK, info)
	}
	attachmentName(c, fmt.Sprintf("seal-%d.png", id))
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, pngType, data)
}

func (s *Server) deleteSeal(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.svc.Seals.Delete(c.Request().Context(), actorOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) agencySeal(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	info, err := s.svc.Seals.Info(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, info)
}

func (s *Server) listNoticeTemplates(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ts, err := s.svc.Templates.List(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, itemsResponse[app.NoticeTemplateSummary]{Items: ts})
}

// noticeTemplateQuery picks a saved version.
type noticeTemplateQuery struct {
	Version int `query:"version" doc:"a saved version (default the one in force)" minimum:"1"`
}

func (s *Server) getNoticeTemplate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	n, err := queryInt(c, "version", 0, 1, 1_000_000)
	if err != nil {
		return err
	}
	v, err := s.svc.Templates.Get(c.Request().Context(), actorOf(c), id, c.Param("kind"), n)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

func (s *Server) putNoticeTemplate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.NoticeTemplateInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, err := s.svc.Templates.Save(c.Request().Context(), actorOf(c), id, c.Param("kind"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

// previewQuery chooses the preview's form.
type previewQuery struct {
	Format string `query:"format" doc:"html (default: the printable page) or pdf"`
}

func (s *Server) previewNoticeTemplate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	pdf, _, err := noticeForm(c)
	if err != nil {
		return err
	}
	var in app.NoticePreviewInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	b, err := s.svc.Templates.Preview(c.Request().Context(), actorOf(c), id, c.Param("kind"), in.Text, pdf)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	if !pdf {
		documentPolicy(c)
		return c.HTMLBlob(http.StatusOK, b)
	}
	h.Set("Content-Disposition", `inline; filename="preview.pdf"`)
	h.Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, pdfType, b)
}
